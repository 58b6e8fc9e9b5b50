// The county at a glance: grid cells shaded by open cases (vector tiles), petition points, Gi* hot
// spots and a live feed of petition events. Everything comes from this service; a basemap is drawn
// underneath only when tiexin.map.basemap-style-url names one (GET /map/config).
// MapLibre is the vendored module index.html preloads, at its versioned URL (the page carries no
// import map: that would be an inline script, which its Content-Security-Policy refuses).
const maplibregl = await import(document.querySelector('link[rel="modulepreload"][href*="/maplibre-gl.mjs"]').href);

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

// Colours of the grid legend in index.html (.ramp-open): a step per class, never interpolated, so
// every cell is drawn in a colour the legend shows. Counts from 1 to k-1 are withheld from the
// public tile (no `open` property at all): they get their own colour, never a fallback to black.
const OPEN_CLASSES = [[0, '#f7f4ec'], [1, '#fdd49e'], [3, '#fc8d59'], [10, '#b30000']];
const WITHHELD_COLOUR = '#9e9ac8';
const OPEN_COLOUR = ['case', ['!=', ['typeof', ['get', 'open']], 'number'], WITHHELD_COLOUR,
  ['step', ['get', 'open'], OPEN_CLASSES[0][1], ...OPEN_CLASSES.slice(1).flat()]];

// Below this zoom the petitions tile holds clusters (point_count, open), from it on single points.
const PETITION_POINTS_FROM_ZOOM = 13;

// Glyphs for digits and Latin letters come from the service (GET /map/glyphs/...); Chinese names
// are drawn by the browser with its own font (localIdeographFontFamily), so no font server is needed.
const GLYPHS = `${location.origin}/map/glyphs/{fontstack}/{range}.pbf`;
const LABEL_FONT = ['Tiexin Sans'];
const CJK_FONT_FAMILY = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';

// A plain background: the page must work on a closed network with no tile server.
const PLAIN_STYLE = {
  version: 8,
  glyphs: GLYPHS,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

const state = {
  openStatuses: [], token: null, county: null, map: null, mapReady: null, feed: null, tileVersion: 0, refreshTimer: null,
  basemap: false,
};

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

// The current calendar year in China Standard Time: counts withheld from someone (a planner's, the
// public's) are published by whole calendar month, quarter or year only, so that no two periods can be
// subtracted from each other; the grid tiles count the same year.
function thisYear() {
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  return { from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` };
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
  map.addSource('labels', { type: 'vector', tiles: [tileUrl('labels')], minzoom: 9, maxzoom: 14 });
  map.addSource('hotspots', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'grid-fill', type: 'fill', source: 'grid', 'source-layer': 'grid',
    // Opaque on the plain background, so the cells show exactly the legend's colours.
    paint: { 'fill-color': OPEN_COLOUR, 'fill-opacity': state.basemap ? 0.75 : 1 },
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
  addLabelLayers(map);
  map.on('click', 'grid-fill', (event) => {
    const cell = event.features[0].properties;
    new maplibregl.Popup().setLngLat(event.lngLat).setHTML(
      `<b>${html(cell.name)}</b> ${html(cell.code)}<br>${OPEN_STATUSES_LABEL}: ${count(cell.open)}` +
      ` · 超期 / overdue: ${count(cell.overdue)} · 总数 / total: ${count(cell.total)}`).addTo(map);
  });
}

// A withheld count (1 to k-1, left out of the public tile) has no property at all.
function count(value) {
  return typeof value === 'number' ? value.toLocaleString('zh-CN') : '已隐藏 (withheld)';
}

// Townships from z9, villages from z11, cells (village groups) from z13: the labels tile holds
// only what its zoom needs. Cells repeat names ("六组") across villages, so they come last.
function addLabelLayers(map) {
  const levels = [
    { level: 'TOWNSHIP', minzoom: 9, size: 15, colour: '#1f2933' },
    { level: 'VILLAGE', minzoom: 11, size: 13, colour: '#33414f' },
    { level: 'GRID', minzoom: 13, size: 11, colour: '#52606d' },
  ];
  for (const { level, minzoom, size, colour } of levels) {
    map.addLayer({
      id: `labels-${level.toLowerCase()}`, type: 'symbol', source: 'labels', 'source-layer': 'labels', minzoom,
      filter: ['==', ['get', 'level'], level],
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': size, 'text-padding': 4 },
      paint: { 'text-color': colour, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    });
  }
}

function addPetitionLayer(map) {
  if (map.getSource('petitions')) return;
  map.addSource('petitions', { type: 'vector', tiles: [tileUrl('petitions')], minzoom: 8, maxzoom: 14 });
  // Clusters below PETITION_POINTS_FROM_ZOOM (sized by how many they hold, shaded by the share still
  // open), single points from it on: tens of thousands of points would hide the grid.
  map.addLayer({
    id: 'petitions-clusters', type: 'circle', source: 'petitions', 'source-layer': 'petitions',
    filter: ['has', 'point_count'],
    paint: {
      'circle-radius': ['step', ['get', 'point_count'], 7, 10, 10, 100, 14, 1000, 19],
      'circle-color': ['step', ['/', ['get', 'open'], ['max', ['get', 'point_count'], 1]],
        '#74c0fc', 0.25, '#ffa94d', 0.5, '#d9480f'],
      'circle-opacity': 0.85,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  }, belowMeetings(map));
  map.addLayer({
    id: 'petitions-cluster-counts', type: 'symbol', source: 'petitions', 'source-layer': 'petitions',
    filter: ['has', 'point_count'],
    layout: {
      'text-field': ['to-string', ['get', 'point_count']], 'text-font': LABEL_FONT, 'text-size': 11,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#1f2933' },
  });
  map.addLayer({
    id: 'petitions-points', type: 'circle', source: 'petitions', 'source-layer': 'petitions',
    minzoom: PETITION_POINTS_FROM_ZOOM, filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 15, 5],
      'circle-color': ['match', ['get', 'status'],
        state.openStatuses, '#d9480f', 'RESOLVED', '#1c7ed6', '#868e96'],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 0.5,
    },
  }, belowMeetings(map));
  map.on('click', 'petitions-clusters', (event) => {
    const cluster = event.features[0].properties;
    map.easeTo({ center: event.lngLat, zoom: Math.min(map.getZoom() + 2, PETITION_POINTS_FROM_ZOOM) });
    new maplibregl.Popup().setLngLat(event.lngLat).setHTML(
      `${cluster.point_count.toLocaleString('zh-CN')} 件诉求 / petitions · ${OPEN_STATUSES_LABEL}: ` +
      `${cluster.open.toLocaleString('zh-CN')}`).addTo(map);
  });
  map.on('click', 'petitions-points', (event) => {
    const petition = event.features[0].properties;
    new maplibregl.Popup().setLngLat(event.lngLat).setHTML(
      `诉求 / petition ${html(String(petition.id))}<br>${html(STATUS_NAMES[petition.status] ?? petition.status)}` +
      ` · ${html(petition.category_code)}`).addTo(map);
  });
}

// Points and clusters go under the names.
function firstLabelLayer(map) {
  return map.getLayer('labels-township') ? 'labels-township' : undefined;
}

// Petitions go under the meetings too: their clusters would hide a village's few meetings.
function belowMeetings(map) {
  return map.getLayer('meetings-points') ? 'meetings-points' : firstLabelLayer(map);
}

// ---- meetings (屋场贴心会) and idle liaisons ---------------------------------------------------
// Colours of #meetings-legend in index.html: held green, planned amber, and a dark ring for a meeting
// with items still open; none of them is a colour of the grid or hot-spot legends.
const MEETING_HELD = '#2e7d32';
const MEETING_PLANNED = '#f9a825';
const MEETING_OPEN_RING = '#212529';
const IDLE_DAYS = 30;

const MEETING_STATUS_NAMES = { HELD: '已召开 / held', PLANNED: '待召开 / upcoming', CANCELLED: '已取消 / cancelled' };

function addMeetingsLayer(map) {
  map.addSource('meetings', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'meetings-points', type: 'circle', source: 'meetings',
    paint: {
      'circle-color': ['match', ['get', 'status'], 'HELD', MEETING_HELD, MEETING_PLANNED],
      'circle-radius': ['+', 5, ['min', ['coalesce', ['get', 'items'], 0], 7]],
      'circle-stroke-color': ['case', ['>', ['coalesce', ['get', 'openItems'], 0], 0], MEETING_OPEN_RING, '#ffffff'],
      'circle-stroke-width': ['case', ['>', ['coalesce', ['get', 'openItems'], 0], 0], 2, 1],
    },
  }, firstLabelLayer(map));
  map.on('click', 'meetings-points', (event) => {
    new maplibregl.Popup().setLngLat(event.lngLat).setHTML(meetingPopup(event.features[0].properties)).addTo(map);
  });
  map.on('mouseenter', 'meetings-points', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'meetings-points', () => { map.getCanvas().style.cursor = ''; });
  $('meetings-legend').hidden = false;
  $('meetings-toggle').hidden = false;
}

// The popup has no names: the layer carries none, and the public notice none either.
function meetingPopup(meeting) {
  const held = meeting.status === 'HELD';
  const at = new Date(held ? meeting.heldAt : meeting.scheduledAt).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
  let text = `<b>${html(meeting.title)}</b><br>${html(MEETING_STATUS_NAMES[meeting.status] ?? meeting.status)} · ` +
    `${html(at)}<br>地点 / place: ${html(meeting.place ?? '')}`;
  if (held) {
    text += `<br>到会 / attendance: ${count(meeting.attendance)}` +
      `<br>事项 / items: ${count(meeting.items)} · 当场答复 / answered: ${count(meeting.answered)}` +
      ` · 已立案 / filed: ${count(meeting.filed)} · 已办结 / closed: ${count(meeting.closed)}`;
  }
  if (meeting.agenda) text += `<br>议程 / agenda: ${html(shortened(meeting.agenda, 80))}`;
  return text;
}

// Staff see the year's meetings of their area (meetingsLayer); citizens (FORBIDDEN there) and
// visitors who have not signed in see the public notice of upcoming meetings.
async function loadMeetings(me) {
  let collection;
  if (me && !me.roles.every((role) => role === 'CITIZEN')) {
    const data = await graphql(`query Meetings($code: ID!, $period: PeriodInput) {
        meetingsLayer(areaCode: $code, period: $period) }`, { code: workArea(me), period: thisYear() });
    collection = data.meetingsLayer;
  } else {
    const data = await graphql(`query Upcoming($code: ID!) {
        upcomingMeetings(areaCode: $code) {
          id title status scheduledAt agenda placeText place { point } area { name level parent { name } } } }`,
    { code: state.county.code });
    collection = {
      type: 'FeatureCollection',
      // GraphQL's Meeting.id is the global id "Meeting:3"; the staff layer's features carry the number.
      features: data.upcomingMeetings.map((meeting) => ({
        type: 'Feature', id: meeting.id.replace(/^Meeting:/, ''), geometry: meeting.place.point,
        properties: {
          id: meeting.id.replace(/^Meeting:/, ''), title: meeting.title, status: 'PLANNED', scheduledAt: meeting.scheduledAt,
          agenda: meeting.agenda, place: meeting.placeText ?? placeName(meeting.area), items: 0, openItems: 0,
        },
      })),
    };
    if (state.token && !me) return;  // signed in meanwhile: the staff layer replaces the notice
  }
  state.map.getSource('meetings').setData(collection);
}

// The area a signed-in person works in: the county for an administrator, else their first duty area.
function workArea(me) {
  if (me.roles.includes('COUNTY_ADMIN')) return state.county.code;
  return me.dutyAreas[0]?.code ?? me.homeArea?.code ?? state.county.code;
}

// Township officers and county administrators see their liaisons without a visit in 30 days; the
// panel stays hidden for everyone else (idleLiaisons is FORBIDDEN to them).
async function loadIdleLiaisons(me) {
  const panel = $('idle-liaisons');
  if (!me || !me.roles.some((role) => role === 'TOWNSHIP_OFFICER' || role === 'COUNTY_ADMIN')) {
    panel.hidden = true;
    return;
  }
  const data = await graphql(`query Idle($code: ID!, $days: Int) {
      idleLiaisons(areaCode: $code, days: $days) { id name phone homeArea { code name } } }`,
  { code: workArea(me), days: IDLE_DAYS });
  const list = $('idle-list');
  list.replaceChildren();
  for (const liaison of data.idleLiaisons) {
    const item = document.createElement('li');
    item.dataset.personId = liaison.id;
    item.innerHTML = `<a href="#" class="fly">${html(liaison.name)}</a> ` +
      `<small>${html(liaison.homeArea?.name ?? '')}</small>` +
      `${liaison.phone ? ` <a href="tel:${html(liaison.phone)}">${html(liaison.phone)}</a>` : ''}`;
    item.querySelector('.fly').addEventListener('click', (event) => {
      event.preventDefault();
      if (liaison.homeArea) flyToArea(liaison.homeArea.code);
    });
    list.append(item);
  }
  $('idle-count').textContent = data.idleLiaisons.length.toLocaleString('zh-CN');
  $('idle-status').textContent = data.idleLiaisons.length ? '' : '没有 / none';
  panel.hidden = false;
}

async function flyToArea(code) {
  const data = await graphql('query Boundary($code: ID!) { area(code: $code) { boundary(toleranceMeters: 20) } }', { code });
  if (data.area) state.map.fitBounds(boundsOf(data.area.boundary), { padding: 40 });
}

async function loadProgrammeViews(me) {
  try {
    await loadMeetings(me);
    await loadIdleLiaisons(me);
  } catch (error) {
    $('idle-status').textContent = `无法显示 / cannot show: ${error.message}`;
  }
}

// New petitions change the counts in tiles; a new version in the URL bypasses the browser's cache.
function reloadTiles() {
  state.tileVersion += 1;
  for (const layer of ['grid', 'petitions']) {  // labels do not change with petitions
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
  { code: state.county.code, period: thisYear() });
  const stats = data.area.stats;
  $('count-total').textContent = stats.total.toLocaleString('zh-CN');
  $('count-open').textContent = stats.open.toLocaleString('zh-CN');
  $('count-overdue').textContent = stats.overdue.toLocaleString('zh-CN');
  $('count-closure-rate').textContent = stats.closureRate == null ? '–' : `${(stats.closureRate * 100).toFixed(1)}%`;
}

async function loadHotspots() {
  const data = await graphql(`query Hotspots($code: ID!, $period: PeriodInput) {
      hotspots(areaCode: $code, period: $period) { hot cold cells { geometry bin zScore count } } }`,
  { code: state.county.code, period: thisYear() });
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
  petitionEvents(areaCode: $code) {
    at type toStatus note petition { trackingNumber title area { name level parent { name } } } } }`;

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
    `<br><small>${html(placeName(event.petition.area))}` +
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
  const me = await graphql('{ me { name roles homeArea { code } dutyAreas { code } } }');
  setSignInStatus(`已登录 / signed in: ${me.me.name}${who ? ` (${who})` : ''} · ${me.me.roles.join(', ')}`);
  addPetitionLayer(state.map);
  reloadTiles();
  connectFeed();
  await loadProgrammeViews(me.me);
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

// 170 cells are called "六组": a cell is named with its village ("泉塘村 六组").
function placeName(area) {
  return area.level === 'GRID' && area.parent ? `${area.parent.name} ${area.name}` : area.name;
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
  state.basemap = !!config.basemapStyleUrl;
  const map = new maplibregl.Map({
    container: 'map',
    style: config.basemapStyleUrl ?? PLAIN_STYLE,
    localIdeographFontFamily: CJK_FONT_FAMILY,
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
    addMeetingsLayer(map);
    wireLayerSwitches(map);
    resolve();
  }));
  await state.mapReady;
  // Signed out: the public notice of upcoming meetings (a sign-in replaces it).
  if (!state.token) loadMeetings(null).catch(() => {});
}

wireSignIn();
const started = start();
started.catch((error) => setSignInStatus(`地图无法加载 / the map could not load: ${error.message}`, true));
