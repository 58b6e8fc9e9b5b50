// The county at a glance: grid cells shaded by open cases (vector tiles), petition points, Gi* hot
// spots and a live feed of petition events. Everything comes from this service; a basemap is drawn
// underneath only when tiexin.map.basemap-style-url names one (GET /map/config).
import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';

const OPEN_STATUSES_LABEL = '办理中 / open';
const FEED_LENGTH = 50;

const STATUS_NAMES = {
  SUBMITTED: '已提交 / submitted', ASSIGNED: '已派单 / assigned', ACCEPTED: '已受理 / accepted',
  IN_PROGRESS: '办理中 / in progress', RESOLVED: '已办结 / resolved', CLOSED: '已销号 / closed',
  WITHDRAWN: '已撤回 / withdrawn',
};

const EVENT_NAMES = {
  SUBMITTED: '提交 / submitted', ASSIGNED: '派单 / assigned', ACCEPTED: '受理 / accepted',
  STARTED: '开始办理 / started', RESOLVED: '办结 / resolved', CONFIRMED: '确认 / confirmed',
  REOPENED: '重办 / reopened', CLOSED: '销号 / closed', RETURNED: '退单 / returned',
  ESCALATED: '上报 / escalated', WITHDRAWN: '撤回 / withdrawn', QUEUED: '待派 / queued',
  SUPERVISED: '督办 / supervised', DEADLINE_EXTENDED: '延期 / deadline extended', NOTE: '备注 / note',
};

// A plain background: the page must work on a closed network with no tile server.
const PLAIN_STYLE = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

const state = { openStatuses: [], token: null, county: null, map: null, mapReady: null, feed: null, tileVersion: 0, refreshTimer: null };

const $ = (id) => document.getElementById(id);

// ---- GraphQL over HTTP ------------------------------------------------------------------------

async function graphql(query, variables = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) {
    const error = body.errors[0];
    throw new Error(`${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`);
  }
  return body.data;
}

function lastYear() {
  return { from: new Date(Date.now() - 365 * 24 * 3600 * 1000).toISOString() };
}

// ---- the map ----------------------------------------------------------------------------------

function boundsOf(geometry) {
  const bounds = new maplibregl.LngLatBounds();
  const visit = (coordinates) => (typeof coordinates[0] === 'number'
    ? bounds.extend(coordinates) : coordinates.forEach(visit));
  visit(geometry.coordinates);
  return bounds;
}

function tileUrl(layer) {
  return `${location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt?v=${state.tileVersion}`;
}

// Tile requests carry the token (the petitions layer is for case handlers only).
function withToken(url) {
  if (state.token && url.startsWith(`${location.origin}/tiles/`)) {
    return { url, headers: { Authorization: `Bearer ${state.token}` } };
  }
  return { url };
}

function addServiceLayers(map) {
  map.addSource('grid', { type: 'vector', tiles: [tileUrl('grid')], minzoom: 6, maxzoom: 14 });
  map.addSource('hotspots', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'grid-fill', type: 'fill', source: 'grid', 'source-layer': 'grid',
    paint: {
      'fill-color': ['interpolate', ['linear'], ['get', 'open'],
        0, '#f7f4ec', 1, '#fdd49e', 3, '#fc8d59', 10, '#b30000'],
      'fill-opacity': 0.85,
    },
  });
  map.addLayer({
    id: 'hotspots-fill', type: 'fill', source: 'hotspots',
    filter: ['!=', ['get', 'bin'], 0],
    paint: {
      'fill-color': ['match', ['get', 'bin'],
        -3, '#2166ac', -2, '#67a9cf', -1, '#d1e5f0', 1, '#fddbc7', 2, '#ef8a62', 3, '#b2182b', '#f7f7f7'],
      'fill-opacity': 0.55,
    },
  });
  map.addLayer({
    id: 'grid-line', type: 'line', source: 'grid', 'source-layer': 'grid',
    paint: { 'line-color': '#8a99a8', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.2, 14, 1.2] },
  });
  map.on('click', 'grid-fill', (event) => {
    const cell = event.features[0].properties;
    new maplibregl.Popup().setLngLat(event.lngLat).setHTML(
      `<b>${html(cell.name)}</b> ${html(cell.code)}<br>${OPEN_STATUSES_LABEL}: ${cell.open}` +
      ` · 超期 / overdue: ${cell.overdue} · 总数 / total: ${cell.total}`).addTo(map);
  });
}

function addPetitionLayer(map) {
  if (map.getSource('petitions')) return;
  map.addSource('petitions', { type: 'vector', tiles: [tileUrl('petitions')], minzoom: 8, maxzoom: 14 });
  map.addLayer({
    id: 'petitions-points', type: 'circle', source: 'petitions', 'source-layer': 'petitions',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 15, 5],
      'circle-color': ['match', ['get', 'status'],
        state.openStatuses, '#d9480f', 'RESOLVED', '#1c7ed6', '#868e96'],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 0.5,
    },
  });
  map.on('click', 'petitions-points', (event) => {
    const petition = event.features[0].properties;
    new maplibregl.Popup().setLngLat(event.lngLat).setHTML(
      `诉求 / petition ${html(String(petition.id))}<br>${html(STATUS_NAMES[petition.status] ?? petition.status)}` +
      ` · ${html(petition.category_code)}`).addTo(map);
  });
}

// New petitions change the counts in tiles; a new version in the URL bypasses the browser's cache.
function reloadTiles() {
  state.tileVersion += 1;
  for (const layer of ['grid', 'petitions']) {
    state.map.getSource(layer)?.setTiles([tileUrl(layer)]);
  }
}

function wireLayerSwitches(map) {
  for (const box of document.querySelectorAll('#layers input[data-layers]')) {
    box.addEventListener('change', () => {
      for (const id of box.dataset.layers.split(',')) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', box.checked ? 'visible' : 'none');
      }
    });
  }
}

// ---- counts and hot spots ---------------------------------------------------------------------

async function loadCounts() {
  const data = await graphql(`query Counts($code: ID!, $period: PeriodInput) {
      area(code: $code) { stats(period: $period) { total open overdue closureRate } } }`,
  { code: state.county.code, period: lastYear() });
  const stats = data.area.stats;
  $('count-total').textContent = stats.total.toLocaleString('zh-CN');
  $('count-open').textContent = stats.open.toLocaleString('zh-CN');
  $('count-overdue').textContent = stats.overdue.toLocaleString('zh-CN');
  $('count-closure-rate').textContent = stats.closureRate == null ? '–' : `${(stats.closureRate * 100).toFixed(1)}%`;
}

async function loadHotspots() {
  const data = await graphql(`query Hotspots($code: ID!, $period: PeriodInput) {
      hotspots(areaCode: $code, period: $period) { hot cold cells { geometry bin zScore count } } }`,
  { code: state.county.code, period: lastYear() });
  const result = data.hotspots;
  $('count-hot').textContent = result.hot;
  $('count-cold').textContent = result.cold;
  state.map.getSource('hotspots').setData({
    type: 'FeatureCollection',
    features: result.cells.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
  });
}

async function loadStaffViews() {
  $('counts-status').textContent = '加载中… / loading…';
  try {
    await loadCounts();
    await loadHotspots();
    $('counts-status').textContent = `更新于 / updated ${new Date().toLocaleTimeString('zh-CN')}`;
    $('counts-status').className = 'muted';
  } catch (error) {
    $('counts-status').textContent = `无法显示 / cannot show: ${error.message}`;
    $('counts-status').className = 'muted error';
  }
}

// Many events arrive together (submitted, then assigned): refresh once they settle.
function refreshSoon() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => {
    reloadTiles();
    loadCounts().catch(() => {});
  }, 1500);
}

// ---- live feed: graphql-transport-ws, the token in connection_init ------------------------------

const SUBSCRIPTION = `subscription Feed($code: ID) {
  petitionEvents(areaCode: $code) { at type toStatus note petition { trackingNumber title area { name } } } }`;

function setFeedStatus(text, live = false) {
  $('feed-status').textContent = text;
  $('feed-status').className = live ? 'badge live' : 'badge';
}

function connectFeed() {
  state.feed?.close(1000);
  const token = state.token;
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    'graphql-transport-ws');
  state.feed = socket;
  setFeedStatus('连接中… / connecting…');
  socket.onopen = () => socket.send(JSON.stringify({
    type: 'connection_init', payload: { Authorization: `Bearer ${token}` },
  }));
  socket.onmessage = (message) => {
    const frame = JSON.parse(message.data);
    switch (frame.type) {
      case 'connection_ack':
        socket.send(JSON.stringify({
          id: 'feed', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { code: state.county.code } },
        }));
        setFeedStatus('实时 / live', true);
        break;
      case 'next':
        if (frame.payload.errors?.length) setFeedStatus(`错误 / error: ${frame.payload.errors[0].message}`);
        else showEvent(frame.payload.data.petitionEvents);
        break;
      case 'error':
        setFeedStatus(`错误 / error: ${frame.payload?.[0]?.message ?? 'unknown'}`);
        break;
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }));
        break;
      default:
        break;
    }
  };
  socket.onclose = (event) => {
    if (state.feed !== socket) return;
    setFeedStatus(`已断开 / disconnected (${event.code})`);
    // 4401/4403: the token was refused; anything else may be a restart: try again while signed in.
    if (event.code !== 4401 && event.code !== 4403 && state.token === token) setTimeout(() => {
      if (state.feed === socket) connectFeed();
    }, 3000);
  };
}

function showEvent(event) {
  const item = document.createElement('li');
  item.className = 'fresh';
  item.dataset.trackingNumber = event.petition.trackingNumber;
  const at = new Date(event.at).toLocaleTimeString('zh-CN');
  item.innerHTML = `<time>${html(at)}</time><b>${html(EVENT_NAMES[event.type] ?? event.type)}</b> ` +
    `${html(event.petition.trackingNumber)} ${html(event.petition.title)}` +
    `<br><small>${html(event.petition.area.name)}` +
    `${event.toStatus ? ` → ${html(STATUS_NAMES[event.toStatus] ?? event.toStatus)}` : ''}` +
    `${event.note ? ` · ${html(shortened(event.note))}` : ''}</small>`;
  if (event.note) item.title = event.note;
  const feed = $('feed');
  feed.prepend(item);
  while (feed.children.length > FEED_LENGTH) feed.lastChild.remove();
  refreshSoon();
}

// ---- sign-in ----------------------------------------------------------------------------------

function setSignInStatus(text, error = false) {
  $('sign-in-status').textContent = text;
  $('sign-in-status').className = error ? 'muted error' : 'muted';
}

async function signInAs(username) {
  const response = await fetch('/auth/dev-token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username }),
  });
  if (response.status === 404 || response.status === 405) {
    const body = await response.json().catch(() => ({}));
    if (!body.message?.includes('没有这个演示账号')) {
      // Outside the demo profile there is no dev token: a token comes from the identity provider.
      $('token-form').hidden = false;
      throw new Error('此服务未开启演示登录，请粘贴身份提供方签发的令牌 / '
        + 'this service has no demo sign-in (demo profile only): paste a token from your identity provider');
    }
    throw new Error(body.message);
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body.token;
}

async function useToken(token, who) {
  state.token = token;
  await started;
  const me = await graphql('{ me { name roles } }');
  setSignInStatus(`已登录 / signed in: ${me.me.name}${who ? ` (${who})` : ''} · ${me.me.roles.join(', ')}`);
  addPetitionLayer(state.map);
  reloadTiles();
  connectFeed();
  await loadStaffViews();
}

function wireSignIn() {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('username').value.trim();
    setSignInStatus('登录中… / signing in…');
    try {
      await useToken(await signInAs(username), username);
    } catch (error) {
      state.token = null;
      setSignInStatus(`登录失败 / sign-in failed: ${error.message}`, true);
    }
  });
  $('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await useToken($('token').value.trim());
    } catch (error) {
      state.token = null;
      setSignInStatus(`令牌无效 / token refused: ${error.message}`, true);
    }
  });
}

function shortened(text, length = 40) {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function html(text) {
  const span = document.createElement('span');
  span.textContent = text ?? '';
  return span.innerHTML;
}

// ---- start ------------------------------------------------------------------------------------

async function start() {
  const config = await (await fetch('/map/config')).json();
  // The open statuses come from the server (PetitionStatus.OPEN), not a copy here.
  state.openStatuses = config.openStatuses;
  const data = await graphql('{ areas(level: COUNTY) { code name boundary(toleranceMeters: 100) } }');
  state.county = data.areas[0];
  $('county-name').textContent = `${state.county.name} ${state.county.code} · 工作动态一图掌握 / the county at a glance`;
  const map = new maplibregl.Map({
    container: 'map',
    style: config.basemapStyleUrl ?? PLAIN_STYLE,
    bounds: boundsOf(state.county.boundary),
    fitBoundsOptions: { padding: 20 },
    transformRequest: withToken,
    attributionControl: false,
  });
  state.map = map;
  window.tiexinMap = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.addControl(new maplibregl.ScaleControl());
  state.mapReady = new Promise((resolve) => map.on('load', () => {
    addServiceLayers(map);
    wireLayerSwitches(map);
    resolve();
  }));
  await state.mapReady;
}

wireSignIn();
const started = start();
started.catch((error) => setSignInStatus(`地图无法加载 / the map could not load: ${error.message}`, true));
