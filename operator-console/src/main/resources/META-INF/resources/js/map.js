// A small map of a contact's place, without a map library: the tiles of the configured slippy-map server around the
// point (Web Mercator, 256 px tiles) and a marker on it. It only decorates the address and coordinates beside it, which
// show whether or not a tile loads.
import { h } from './dom.js';
import { t } from './i18n.js';

const TILE = 256;
const ZOOM = 16;
const WIDTH = 320;
const HEIGHT = 200;

/** The tile server's URL template and the attribution its licence asks for, as this deployment is set up. */
let tiles;

export function useTiles(config) {
  tiles = { url: config.mapTilesUrl, attribution: config.mapAttribution, attributionUrl: config.mapAttributionUrl };
}

/**
 * The point on the whole world's map at the zoom, in pixels from its top left corner: the tile numbers of the
 * "Slippy map tilenames" formula (x = (lon + 180) / 360 · 2^z, y = (1 − ln(tan φ + sec φ) / π) / 2 · 2^z) times 256.
 */
function worldPixel(lat, lon, zoom) {
  const size = TILE * 2 ** zoom;
  const phi = lat * Math.PI / 180;
  return { x: (lon + 180) / 360 * size, y: (1 - Math.asinh(Math.tan(phi)) / Math.PI) / 2 * size };
}

/** Whether the coordinates can be drawn: Web Mercator ends at about 85.05° north and south. */
function mappable(lat, lon) {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 85.05 && Math.abs(lon) <= 180;
}

function tileUrl(template, z, x, y) {
  return template.replace('{z}', z).replace('{x}', x).replace('{y}', y);
}

/** The address and coordinates can be anything a channel sent: only numbers reach the link. */
function fullMapLink(lat, lon) {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/**
 * The map box for the point: the tiles that cover it, placed by script (the page's CSP allows no inline style), the
 * marker exactly on the point, the tile server's attribution. A tile that does not load hides the whole box.
 */
function smallMap(lat, lon) {
  const point = worldPixel(lat, lon, ZOOM);
  const left = Math.round(point.x) - WIDTH / 2;
  const top = Math.round(point.y) - HEIGHT / 2;
  const count = 2 ** ZOOM;
  const map = h('div', { className: 'map', 'aria-hidden': 'true' });
  const box = h('div', { className: 'map-box' }, map,
    h('p', { className: 'attribution' }, h('a', { href: tiles.attributionUrl, rel: 'noopener noreferrer', target: '_blank' },
      tiles.attribution)));
  for (let y = Math.floor(top / TILE); y * TILE < top + HEIGHT; y++) {
    for (let x = Math.floor(left / TILE); x * TILE < left + WIDTH; x++) {
      if (y < 0 || y >= count) {
        continue;
      }
      // only the console's origin goes to the tile server, never the page's address (OSM asks for a Referer)
      const tile = h('img', {
        src: tileUrl(tiles.url, ZOOM, ((x % count) + count) % count, y), alt: '', width: TILE, height: TILE,
        referrerpolicy: 'origin', loading: 'lazy',
      });
      tile.style.left = `${x * TILE - left}px`;
      tile.style.top = `${y * TILE - top}px`;
      tile.addEventListener('error', () => { box.hidden = true; });
      map.append(tile);
    }
  }
  const marker = h('span', { className: 'marker' });
  marker.style.left = `${point.x - left}px`;
  marker.style.top = `${point.y - top}px`;
  map.append(marker);
  return box;
}

/** A contact's place: the address, the coordinates as a link to a full map, and the small map where there are coordinates. */
export function placeOf(place) {
  const lat = Number(place.lat);
  const lon = Number(place.lon);
  const drawable = place.lat != null && place.lon != null && mappable(lat, lon);
  return [
    place.address ? h('span', { className: 'address' }, place.address) : null, ' ',
    drawable ? h('a', { href: fullMapLink(lat, lon), rel: 'noopener noreferrer', target: '_blank', className: 'full-map' },
      t('openMap', lat.toFixed(5), lon.toFixed(5))) : null,
    drawable ? smallMap(lat, lon) : null,
  ];
}
