// Italian first; English for those who choose it, remembered on this browser.

const WORDS = {
  it: {
    skip: 'Vai al contenuto', city: 'Comune di Milano', myWork: 'Il mio lavoro', logout: 'Esci', loading: 'Caricamento…',
    otherLanguage: 'English', otherLanguageName: 'Switch to English',
    loginTitle: 'Console degli operatori', loginText: 'Accedi con l\'identità del Comune per lavorare le richieste dei cittadini.',
    login: 'Accedi', loginFailed: 'Accesso non riuscito: riprova.',
    queues: 'Le mie code', allQueues: 'Tutte le code', open: 'aperti', unassigned: 'da assegnare', urgentCount: 'urgenti',
    overdueCount: 'scaduti', filters: 'Filtri', queue: 'Coda', status: 'Stato', allOpen: 'Tutti gli aperti',
    urgency: 'Urgenza', any: 'Tutte', urgentOnly: 'Solo urgenti', normalOnly: 'Solo non urgenti', channel: 'Canale',
    allChannels: 'Tutti', overdueOnly: 'Solo scaduti', apply: 'Applica', cases: 'Richieste',
    casesCaption: 'Richieste aperte: prima le urgenti, poi per scadenza', reference: 'Riferimento', category: 'Categoria',
    priority: 'Priorità', assignee: 'Assegnata a', due: 'Scadenza', nobody: 'nessuno', more: 'Carica altre',
    none: 'Nessuna richiesta con questi filtri.', urgent: 'Urgente', normal: 'Normale',
    overdueBy: (t) => `Scaduta da ${t}`, dueIn: (t) => `tra ${t}`, noSla: 'nessuna',
    back: 'Torna al mio lavoro', timeline: 'Cronologia', contact: (channel) => `Contatto · ${channel}`,
    language: 'Lingua', attachments: 'Allegati', attachment: (n) => `Allegato ${n}`, place: 'Luogo', openMap: (lat, lon) => `Apri sulla mappa (${lat}, ${lon})`,
    routing: 'Instradamento', confidence: 'confidenza', reasons: 'Motivi', note: (who) => `Nota di ${who}`,
    statusChange: (who) => `Cambio di stato · ${who}`, actions: 'Azioni', take: 'Prendi in carico',
    assignTo: 'Assegna a (nome utente)', assign: 'Assegna', moveTo: 'Sposta in', requeueTitle: 'Cambia coda',
    newQueue: 'Nuova coda', reason: 'Motivo', requeue: 'Cambia coda', addNote: 'Aggiungi una nota', noteText: 'Testo della nota',
    saveNote: 'Salva la nota', correctCategory: 'Correggi categoria', rightCategory: 'Categoria giusta', reply: 'Rispondi al cittadino',
    replyText: 'Testo della risposta', sendReply: 'Invia la risposta',
    replyHow: 'Arriva al cittadino sul canale del suo ultimo contatto (WhatsApp, email); per una telefonata diventa una richiamata.',
    replyBy: (who, channel) => `Risposta di ${who} · ${channel}`, callback: (who) => `Richiamata da fare · ${who}`,
    notice: (kind, channel) => `Avviso automatico: ${{ opened: 'pratica ricevuta', 'waiting-citizen': 'in attesa del cittadino', resolved: 'pratica risolta' }[kind] || kind} · ${channel}`,
    delivery: 'Consegna:', deliveryPending: 'in attesa del canale', errorCode: 'codice',
    deliveries: { sent: 'inviata', delivered: 'consegnata', read: 'letta', failed: 'non riuscita' },
    done: 'Fatto', opened: 'Aperta', sla: 'Scadenza (SLA)', contacts: 'Contatti', details: 'Dettagli',
    problem: (d) => `Non è stato possibile: ${d}`, noMoves: 'Nessun passaggio di stato possibile.',
    supervision: 'Supervisione', queueLoad: 'Carico per coda', operatorLoad: 'Carico per operatore', operator: 'Operatore',
    noOperatorLoad: 'Nessun operatore ha richieste aperte.', selection: 'Selezione', select: (ref) => `Seleziona ${ref}`,
    reassign: 'Riassegna le selezionate', reassignTo: 'Riassegna le selezionate a (nome utente)', noneSelected: 'nessuna richiesta selezionata',
    changedElsewhere: 'Un collega ha cambiato questa richiesta: salva o svuota i campi per vederla aggiornata.',
    statuses: { NEW: 'Nuova', ASSIGNED: 'Assegnata', IN_PROGRESS: 'In lavorazione', WAITING_CITIZEN: 'In attesa del cittadino', RESOLVED: 'Risolta', CLOSED: 'Chiusa' },
  },
  en: {
    skip: 'Skip to content', city: 'City of Milan', myWork: 'My work', logout: 'Log out', loading: 'Loading…',
    otherLanguage: 'Italiano', otherLanguageName: 'Passa all\'italiano',
    loginTitle: 'Operator console', loginText: 'Log in with the City\'s identity to work the citizens\' requests.',
    login: 'Log in', loginFailed: 'Login failed: try again.',
    queues: 'My queues', allQueues: 'All queues', open: 'open', unassigned: 'unassigned', urgentCount: 'urgent',
    overdueCount: 'overdue', filters: 'Filters', queue: 'Queue', status: 'Status', allOpen: 'All open',
    urgency: 'Urgency', any: 'Any', urgentOnly: 'Urgent only', normalOnly: 'Not urgent only', channel: 'Channel',
    allChannels: 'All', overdueOnly: 'Overdue only', apply: 'Apply', cases: 'Requests',
    casesCaption: 'Open requests: urgent first, then by due time', reference: 'Reference', category: 'Category',
    priority: 'Priority', assignee: 'Assigned to', due: 'Due', nobody: 'nobody', more: 'Load more',
    none: 'No request matches these filters.', urgent: 'Urgent', normal: 'Normal',
    overdueBy: (t) => `Overdue by ${t}`, dueIn: (t) => `in ${t}`, noSla: 'none',
    back: 'Back to my work', timeline: 'Timeline', contact: (channel) => `Contact · ${channel}`,
    language: 'Language', attachments: 'Attachments', attachment: (n) => `Attachment ${n}`, place: 'Place', openMap: (lat, lon) => `Open on a map (${lat}, ${lon})`,
    routing: 'Routing', confidence: 'confidence', reasons: 'Reasons', note: (who) => `Note by ${who}`,
    statusChange: (who) => `Status change · ${who}`, actions: 'Actions', take: 'Take it',
    assignTo: 'Assign to (user name)', assign: 'Assign', moveTo: 'Move to', requeueTitle: 'Change queue',
    newQueue: 'New queue', reason: 'Reason', requeue: 'Change queue', addNote: 'Add a note', noteText: 'Note',
    saveNote: 'Save the note', correctCategory: 'Correct the category', rightCategory: 'Right category', reply: 'Reply to the citizen',
    replyText: 'Reply', sendReply: 'Send the reply',
    replyHow: 'It reaches the citizen on the channel of their latest contact (WhatsApp, email); for a call it becomes a callback.',
    replyBy: (who, channel) => `Reply by ${who} · ${channel}`, callback: (who) => `Callback to make · ${who}`,
    notice: (kind, channel) => `Automatic notice: ${{ opened: 'case received', 'waiting-citizen': 'waiting for the citizen', resolved: 'case resolved' }[kind] || kind} · ${channel}`,
    delivery: 'Delivery:', deliveryPending: 'waiting for the channel', errorCode: 'code',
    deliveries: { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' },
    done: 'Done', opened: 'Opened', sla: 'Due (SLA)', contacts: 'Contacts', details: 'Details',
    problem: (d) => `That did not work: ${d}`, noMoves: 'No status change is possible.',
    supervision: 'Supervision', queueLoad: 'Load per queue', operatorLoad: 'Load per operator', operator: 'Operator',
    noOperatorLoad: 'No operator has open requests.', selection: 'Selection', select: (ref) => `Select ${ref}`,
    reassign: 'Reassign the selected', reassignTo: 'Reassign the selected to (user name)', noneSelected: 'no request selected',
    changedElsewhere: 'A colleague changed this request: save or clear the fields to see it updated.',
    statuses: { NEW: 'New', ASSIGNED: 'Assigned', IN_PROGRESS: 'In progress', WAITING_CITIZEN: 'Waiting for the citizen', RESOLVED: 'Resolved', CLOSED: 'Closed' },
  },
};

const LANGUAGE = 'ascolto.language';
export const language = localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'it';
document.documentElement.lang = language;

export function t(key, ...args) {
  const word = WORDS[language][key];
  return typeof word === 'function' ? word(...args) : word;
}

export function statusName(status) {
  return WORDS[language].statuses[status] || status;
}

export function switchLanguage() {
  localStorage.setItem(LANGUAGE, language === 'it' ? 'en' : 'it');
  location.reload();
}

/** The static texts of the page shell. */
export function translateShell() {
  document.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
}

const dateTime = new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

export function when(instant) {
  return instant ? dateTime.format(new Date(instant)) : '';
}

/** A duration as people say it: "2 g 3 h", "3 h 12 min", "5 min". */
export function duration(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const d = language === 'it' ? 'g' : 'd';
  if (days > 0) {
    return `${days} ${d} ${hours} h`;
  }
  return hours > 0 ? `${hours} h ${rest} min` : `${rest} min`;
}
