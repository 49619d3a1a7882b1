// Builds elements from data: text always goes in as text, never as markup, so what citizens wrote cannot become HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'className') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

let keepFocus = false;

/** Replaces the page's content and moves the focus to its heading, as a screen reader user expects on a new page. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
  if (!keepFocus) {
    (main.querySelector('h1') || main).focus();
  }
}

/** Shows the page again with what changed, leaving the focus alone: the operator did not ask for a new page. */
export async function refreshInPlace(render) {
  keepFocus = true;
  try {
    await render();
  } finally {
    keepFocus = false;
  }
}

/** Says something to screen readers without moving the focus. */
export function announce(message) {
  document.getElementById('announcer').textContent = message;
}

/** A link for an address only when it is a web address: an attachment's URL came from outside. */
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
