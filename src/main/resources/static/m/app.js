// The grid worker's phone page: cases near me, my cases and visits, over the public GraphQL API.
// One classic script in ES2017 (no modules, no build step, nothing from another host), so it also
// runs in WeChat's built-in browser. What was last loaded is kept in localStorage and shown when
// there is no signal; actions taken with no signal wait in a queue (per person, in order) and are
// sent when the signal returns, each answered as the API answers.
(function () {
  'use strict';

  const OPEN = ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'];

  const STATUS = {
    SUBMITTED: '待派单', ASSIGNED: '待受理', ACCEPTED: '已受理', IN_PROGRESS: '办理中',
    RESOLVED: '已办结', CLOSED: '已销号', WITHDRAWN: '已撤回',
  };
  const EVENT = {
    SUBMITTED: '提交', ASSIGNED: '派单', ACCEPTED: '受理', STARTED: '开始办理', RESOLVED: '办结',
    CONFIRMED: '群众确认', REOPENED: '重办', CLOSED: '销号', RETURNED: '退单', ESCALATED: '上报',
    WITHDRAWN: '撤回', QUEUED: '待派', SUPERVISED: '督办', DEADLINE_EXTENDED: '延期', NOTE: '备注',
    IMPORTED: '导入',
  };
  const URGENCY = { URGENT: '紧急', EMERGENCY: '特急' };
  const CHANNEL = {
    MINI_PROGRAM: '小程序', HOTLINE_12345: '12345 热线', MEETING: '屋场贴心会', PATROL: '网格巡查', WALK_IN: '来访',
  };
  const LEVEL = { VILLAGE: '村级', TOWNSHIP: '乡镇级', COUNTY: '县级' };
  const DIRECTIONS = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];

  // What each action does, which statuses allow it (lifecycle table of the API contract), and
  // the status it leads to, shown while the action waits in the queue.
  const ACTIONS = {
    accept: { label: '受理', from: ['ASSIGNED'], to: 'ACCEPTED', field: 'acceptPetition' },
    start: { label: '开始办理', from: ['ACCEPTED'], to: 'IN_PROGRESS', field: 'startPetition' },
    resolve: {
      label: '办结', from: ['ACCEPTED', 'IN_PROGRESS'], to: 'RESOLVED', field: 'resolvePetition',
      text: 'note', prompt: '办结说明（怎么解决的）',
    },
    return: {
      label: '退单', from: ['ASSIGNED', 'ACCEPTED'], to: 'SUBMITTED', field: 'returnPetition',
      text: 'reason', prompt: '退单理由（为什么不该由我办）',
    },
  };

  const REFUSAL = {
    STALE_VERSION: '该诉求刚被他人更新，请看过最新情况后再操作',
    INVALID_TRANSITION: '该诉求现在的状态不允许这项操作',
    FORBIDDEN: '您无权进行这项操作',
    NOT_FOUND: '找不到这条记录',
    VALIDATION: '填写的内容不符合要求',
    OUT_OF_EXTENT: '位置不在本县范围内',
    INVALID_COORDINATES: '定位坐标无效',
    QUERY_TOO_COMPLEX: '请求过大',
  };
  // Answers that say "not now" rather than "no": the action stays queued and is tried again.
  const TRANSIENT = ['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL'];

  const CASE_FIELDS = `id trackingNumber title status urgency overdue supervised dueAt submittedAt version
    category { code name sensitive } area { code name } assignee { id name } location { point }`;
  const DETAIL_FIELDS = `${CASE_FIELDS} description address contactName contactPhone level channel returnCount
    liaison { name phone } timeline { at type fromStatus toStatus note actor { name } }`;
  const VISIT_FIELDS = 'id at note householdCount location { grid { name } }';

  const $ = (id) => document.getElementById(id);

  const state = {
    token: null, me: null, view: null, previousView: 'nearby', caseId: null, online: navigator.onLine !== false,
    flushing: false, usableMarked: false, position: null, formAction: null,
  };

  // ---- storage ----------------------------------------------------------------------------

  function load(key, fallback) {
    try {
      const text = localStorage.getItem(`tx.${key}`);
      return text == null ? fallback : JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      localStorage.setItem(`tx.${key}`, JSON.stringify(value));
    } catch (error) {
      showNotice('手机存储空间不足，离线数据未能保存', true);
    }
  }

  function mine(key) {
    return `${key}.${state.me ? state.me.username : '-'}`;
  }

  function queue() { return load(mine('queue'), []); }
  function saveQueue(items) { save(mine('queue'), items); renderBadge(); }
  function cases() { return load(mine('cases'), {}); }

  function keepCase(petition) {
    if (!petition || !petition.id) return;
    const all = cases();
    const old = all[petition.id] || {};
    all[petition.id] = Object.assign({}, old, petition, { savedAt: Date.now() });
    const ids = Object.keys(all);
    if (ids.length > 150) {
      ids.sort((a, b) => all[a].savedAt - all[b].savedAt).slice(0, ids.length - 150).forEach((id) => { delete all[id]; });
    }
    save(mine('cases'), all);
  }

  function newKey() {
    const bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
  }

  // ---- GraphQL over HTTP ------------------------------------------------------------------

  function Offline(cause) {
    this.offline = true;
    this.message = '没有网络信号';
    this.cause = cause;
  }

  function Refusal(code, message) {
    this.code = code || 'INTERNAL';
    this.message = message || '';
  }

  async function graphql(query, variables) {
    const headers = { 'Content-Type': 'application/json' };
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    let response;
    let body;
    try {
      response = await fetch('/graphql', {
        method: 'POST', headers, body: JSON.stringify({ query, variables: variables || {} }), cache: 'no-store',
      });
      body = await response.json();
    } catch (error) {
      setOnline(false);
      throw new Offline(error);
    }
    setOnline(true);
    if (response.status === 401) {
      signedOut('登录已过期，请重新登录（未发送的操作仍保留在手机上）');
      throw new Refusal('UNAUTHENTICATED', '请重新登录');
    }
    if (body.errors && body.errors.length) {
      const error = body.errors[0];
      throw new Refusal(error.extensions && error.extensions.code, error.message);
    }
    return body.data;
  }

  function refusalText(error) {
    if (error.offline) return '没有网络信号';
    const known = REFUSAL[error.code];
    return known ? `${known}（${error.message}）` : error.message;
  }

  // ---- small view helpers -------------------------------------------------------------------

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      const value = attributes[name];
      if (value == null || value === false) return;
      if (name === 'text') node.textContent = value;
      else if (name === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(name, value === true ? '' : value);
    });
    (children || []).forEach((child) => {
      if (child != null) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function tag(text, tone) {
    return el('span', { class: `tag${tone ? ` ${tone}` : ''}`, text });
  }

  function pad(n) { return n < 10 ? `0${n}` : String(n); }

  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function clock(ms) {
    const d = new Date(ms);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function dueText(petition) {
    if (!petition.dueAt || OPEN.indexOf(petition.status) < 0) return null;
    const hours = (new Date(petition.dueAt).getTime() - Date.now()) / 3600000;
    if (petition.overdue || hours < 0) return `已超期 · 截止 ${when(petition.dueAt)}`;
    if (hours < 24) return `剩 ${Math.max(1, Math.round(hours))} 小时 · 截止 ${when(petition.dueAt)}`;
    return `截止 ${when(petition.dueAt)}`;
  }

  function metres(distance) {
    return distance < 1000 ? `${Math.round(distance)} 米` : `${(distance / 1000).toFixed(1).replace(/\.0$/, '')} 公里`;
  }

  function bearing(from, point) {
    if (!point || !point.coordinates) return '';
    const rad = Math.PI / 180;
    const lat1 = from.lat * rad;
    const lat2 = point.coordinates[1] * rad;
    const dLon = (point.coordinates[0] - from.lon) * rad;
    const y = Math.sin(dLon) * Math.cos(lat2);
    const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
    if (Math.abs(x) < 1e-12 && Math.abs(y) < 1e-12) return '';
    const degrees = (Math.atan2(y, x) / rad + 360) % 360;
    return DIRECTIONS[Math.round(degrees / 45) % 8];
  }

  function showNotice(text, error) {
    const notice = $('notice');
    notice.textContent = text;
    notice.className = error ? 'error' : '';
    notice.hidden = false;
    clearTimeout(state.noticeTimer);
    // Refusals stay until tapped: the person must see that an action did not take effect.
    if (!error) state.noticeTimer = setTimeout(() => { notice.hidden = true; }, 5000);
  }

  function setOnline(online) {
    state.online = online && navigator.onLine !== false;
    $('net').textContent = state.online ? '在线' : '离线';
    $('net').className = state.online ? 'net' : 'net offline';
  }

  function markUsable() {
    if (state.usableMarked) return;
    state.usableMarked = true;
    if (window.performance && performance.mark) performance.mark('tx-usable');
  }

  // ---- pending actions shown on the cases they change ---------------------------------------

  function pendingOf(id) {
    return queue().filter((item) => item.petitionId === id);
  }

  // A case as the person should see it now: as last loaded, moved on by the actions still queued.
  function effective(petition) {
    const pending = pendingOf(petition.id);
    if (!pending.length) return { petition, pending };
    const last = pending[pending.length - 1];
    return { petition: Object.assign({}, petition, { status: ACTIONS[last.kind].to }), pending };
  }

  function statusTags(petition, pending) {
    const tags = [tag(STATUS[petition.status] || petition.status, OPEN.indexOf(petition.status) >= 0 ? 'blue' : '')];
    if (pending && pending.length) tags.push(tag('待发送', 'pending'));
    if (petition.overdue) tags.push(tag('超期', 'red'));
    if (petition.supervised) tags.push(tag('督办', 'red'));
    if (URGENCY[petition.urgency]) tags.push(tag(URGENCY[petition.urgency], 'amber'));
    if (petition.category && petition.category.sensitive) tags.push(tag('敏感', 'amber'));
    return tags;
  }

  function caseItem(petition, extra) {
    const shown = effective(petition);
    const p = shown.petition;
    const meta = [el('span', { text: `${p.category ? p.category.name : ''} · ${p.area ? p.area.name : ''}` })];
    const due = dueText(p);
    if (due) meta.push(el('span', { text: due }));
    return el('li', { 'data-id': p.id, class: p.overdue ? 'overdue' : null }, [
      el('button', { type: 'button', onclick: () => openCase(p.id) }, [
        el('span', { class: 'title', text: p.title }),
        el('span', { class: 'meta' }, (extra || []).concat(statusTags(p, shown.pending))),
        el('span', { class: 'meta' }, meta),
      ]),
    ]);
  }

  // ---- location -----------------------------------------------------------------------------

  function locate() {
    return new Promise((resolve, reject) => {
      if (!navigator.geolocation) {
        reject(new Error('此浏览器不能定位'));
        return;
      }
      navigator.geolocation.getCurrentPosition((position) => {
        const here = {
          lon: position.coords.longitude, lat: position.coords.latitude,
          accuracy: position.coords.accuracy, at: Date.now(),
        };
        state.position = here;
        save('position', here);
        resolve(here);
      }, (error) => {
        reject(new Error(error.code === 1 ? '没有定位权限，请在浏览器设置中允许本页定位' : '暂时无法定位，请到开阔处再试'));
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
    });
  }

  function positionText(here) {
    return `位置 ${here.lat.toFixed(5)}, ${here.lon.toFixed(5)}（精度约 ${Math.round(here.accuracy || 0)} 米，${clock(here.at)}）`;
  }

  // ---- 附近: cases near where I stand ---------------------------------------------------------

  function renderNearby(saved) {
    const list = $('nearby-list');
    list.textContent = '';
    if (!saved) return;
    const all = cases();
    saved.items.forEach((item) => {
      const petition = all[item.petition.id] || item.petition;
      const mineToHandle = petition.assignee && state.me && petition.assignee.id === state.me.id;
      // A sensitive case's point is shown exactly only to those handling it; for the others the API
      // measures to the grid cell's point, so the distance is approximate.
      const approximate = petition.category && petition.category.sensitive && !mineToHandle;
      const direction = bearing(saved.position, item.petition.location && item.petition.location.point);
      const distance = el('span', {
        class: 'distance', 'data-meters': Math.round(item.distanceMeters),
        text: `${approximate ? '约 ' : ''}${metres(item.distanceMeters)}${direction ? ` · ${direction}` : ''}`,
      });
      list.appendChild(caseItem(petition, [distance]));
    });
    if (!saved.items.length) list.appendChild(el('li', { class: 'muted', text: '此范围内没有办理中的诉求' }));
  }

  async function loadNearby() {
    const radius = Number($('radius').value);
    const status = $('nearby-status');
    const saved = load(mine('nearby'), null);
    renderNearby(saved);
    status.textContent = '正在定位…';
    status.className = 'muted';
    let here;
    try {
      here = await locate();
    } catch (error) {
      here = load('position', null);
      if (!here) {
        status.textContent = error.message;
        status.className = 'muted error';
        return;
      }
      status.textContent = `${error.message}；按上次位置查找`;
    }
    status.textContent = `正在查找 ${metres(radius)} 内的诉求…`;
    try {
      const data = await graphql(`query Nearby($near: PointInput!, $radius: Float!, $filter: PetitionFilter) {
        nearbyPetitions(near: $near, radiusMeters: $radius, filter: $filter, first: 50) {
          distanceMeters petition { ${CASE_FIELDS} } } }`,
      { near: { lon: here.lon, lat: here.lat }, radius, filter: { status: OPEN } });
      const fresh = { at: Date.now(), position: here, radius, items: data.nearbyPetitions };
      fresh.items.forEach((item) => keepCase(item.petition));
      save(mine('nearby'), fresh);
      renderNearby(fresh);
      status.textContent = `${positionText(here)} · ${metres(radius)}内 ${fresh.items.length} 件，近的在前`;
      markUsable();
    } catch (error) {
      if (saved) {
        status.textContent = `${refusalText(error)}：显示 ${clock(saved.at)} 保存的结果（${metres(saved.radius)}内）`;
        markUsable();
      } else {
        status.textContent = refusalText(error);
      }
      status.className = 'muted error';
    }
  }

  // ---- 我的: my cases by due time ---------------------------------------------------------------

  function byDueTime(a, b) {
    const openA = OPEN.indexOf(a.status) >= 0;
    const openB = OPEN.indexOf(b.status) >= 0;
    if (openA !== openB) return openA ? -1 : 1;
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    const dueA = a.dueAt ? new Date(a.dueAt).getTime() : Infinity;
    const dueB = b.dueAt ? new Date(b.dueAt).getTime() : Infinity;
    return dueA - dueB;
  }

  function renderMine(saved) {
    const list = $('mine-list');
    list.textContent = '';
    if (!saved) return;
    const all = cases();
    saved.ids.map((id) => all[id]).filter(Boolean).sort(byDueTime).forEach((petition) => {
      list.appendChild(caseItem(petition));
    });
    if (!saved.ids.length) list.appendChild(el('li', { class: 'muted', text: '暂无案件' }));
  }

  async function loadMine() {
    const saved = load(mine('mine'), null);
    renderMine(saved);
    $('mine-status').textContent = '正在更新…';
    $('mine-status').className = 'muted';
    try {
      const data = await graphql(`{ myCases(first: 50) { totalCount edges { node { ${CASE_FIELDS} } } } }`);
      const nodes = data.myCases.edges.map((edge) => edge.node);
      nodes.forEach(keepCase);
      const fresh = { at: Date.now(), ids: nodes.map((node) => node.id), total: data.myCases.totalCount };
      save(mine('mine'), fresh);
      renderMine(fresh);
      const overdue = nodes.filter((node) => node.overdue).length;
      $('mine-status').textContent = `共 ${fresh.total} 件${overdue ? `，其中超期 ${overdue} 件` : ''} · 更新于 ${clock(fresh.at)}`;
      markUsable();
    } catch (error) {
      $('mine-status').textContent = saved ? `${refusalText(error)}：显示 ${clock(saved.at)} 保存的结果` : refusalText(error);
      $('mine-status').className = 'muted error';
    }
  }

  // ---- a case: details, contact, timeline, the actions its state allows -------------------------

  function fact(name, value) {
    if (value == null || value === '') return [];
    return [el('dt', { text: name }), el('dd', {}, [value])];
  }

  function phoneLink(name, phone) {
    if (!phone) return null;
    // A masked number (138****5678) cannot be dialled: shown as text only.
    if (phone.indexOf('*') >= 0) return el('span', { text: `${name || ''} ${phone}` });
    return el('a', { class: 'tel', href: `tel:${phone.replace(/[^\d+]/g, '')}`, text: `拨打 ${name || ''} ${phone}` });
  }

  function renderCase() {
    const petition = cases()[state.caseId];
    const body = $('case-body');
    body.textContent = '';
    $('case-actions').textContent = '';
    $('case-timeline').textContent = '';
    if (!petition) {
      body.appendChild(el('p', { class: 'muted', text: '没有保存这件诉求，有信号时再打开' }));
      return;
    }
    const shown = effective(petition);
    const p = shown.petition;
    const facts = [].concat(
      fact('编号', p.trackingNumber),
      fact('状态', el('span', { id: 'case-status', text: `${STATUS[p.status] || p.status}${shown.pending.length ? '（待发送）' : ''}` })),
      fact('类别', p.category ? p.category.name : ''),
      fact('级别', LEVEL[p.level]),
      fact('来源', CHANNEL[p.channel]),
      fact('地点', [p.area ? p.area.name : '', p.address].filter(Boolean).join(' · ')),
      fact('时限', dueText(p)),
      fact('承办人', p.assignee ? p.assignee.name : '未派'),
      fact('反映人', p.contactName),
      fact('电话', phoneLink(p.contactName, p.contactPhone)),
      fact('贴心人', p.liaison ? p.liaison.name : null),
      fact('贴心人电话', p.liaison ? phoneLink(p.liaison.name, p.liaison.phone) : null)
    );
    body.appendChild(el('div', { class: 'card' }, [
      el('h2', { text: p.title }),
      el('div', { class: 'meta' }, statusTags(p, shown.pending)),
      p.description ? el('p', { text: p.description }) : null,
      el('dl', { class: 'facts' }, facts),
      petition.savedAt ? el('p', { class: 'muted', text: `资料保存于 ${when(new Date(petition.savedAt).toISOString())}` }) : null,
    ]));
    const mineToHandle = p.assignee && state.me && p.assignee.id === state.me.id;
    Object.keys(ACTIONS).forEach((kind) => {
      const action = ACTIONS[kind];
      if (!mineToHandle || action.from.indexOf(p.status) < 0) return;
      $('case-actions').appendChild(el('button', {
        type: 'button', 'data-action': kind, class: kind === 'return' ? null : 'go', text: action.label,
        onclick: () => startAction(kind),
      }));
    });
    if (!mineToHandle && OPEN.indexOf(p.status) >= 0) {
      $('case-actions').appendChild(el('p', { class: 'muted', text: '只有承办人可以受理、办结或退单' }));
    }
    (p.timeline || []).slice().reverse().forEach((event) => {
      $('case-timeline').appendChild(el('li', {}, [
        el('span', { class: 'when', text: `${when(event.at)} ` }),
        el('b', { text: EVENT[event.type] || event.type }),
        event.actor ? ` · ${event.actor.name}` : '',
        event.note ? el('div', { text: event.note }) : null,
      ]));
    });
    shown.pending.forEach((item) => {
      $('case-timeline').insertBefore(el('li', {}, [
        el('span', { class: 'when', text: `${when(item.at)} ` }), el('b', { text: `${ACTIONS[item.kind].label}（待发送）` }),
        item.text ? el('div', { text: item.text }) : null,
      ]), $('case-timeline').firstChild);
    });
  }

  async function openCase(id) {
    if (state.view !== 'case') state.previousView = state.view;
    state.caseId = id;
    hideForm();
    show('case');
    renderCase();
    try {
      const data = await graphql(`query Case($id: ID!) { petition(id: $id) { ${DETAIL_FIELDS} } }`, { id });
      if (data.petition) keepCase(data.petition);
      if (state.caseId === id) renderCase();
    } catch (error) {
      if (!error.offline) showNotice(refusalText(error), true);
    }
  }

  function hideForm() {
    state.formAction = null;
    $('case-form').hidden = true;
    $('case-form-text').value = '';
  }

  function startAction(kind) {
    const action = ACTIONS[kind];
    if (action.text) {
      state.formAction = kind;
      $('case-form-label').textContent = action.prompt;
      $('case-form-submit').textContent = `确认${action.label}`;
      $('case-form').hidden = false;
      $('case-form-text').focus();
      return;
    }
    act(kind, null);
  }

  // An action goes behind whatever already waits, so they reach the service in the order taken.
  function act(kind, text) {
    const petition = cases()[state.caseId];
    const waiting = queue();
    const chained = waiting.some((item) => item.petitionId === petition.id);
    waiting.push({
      key: newKey(), kind, petitionId: petition.id, title: petition.title, version: petition.version,
      chained, text, at: new Date().toISOString(),
    });
    saveQueue(waiting);
    hideForm();
    renderCase();
    if (state.online) flush();
    else showNotice(`没有信号：「${ACTIONS[kind].label}」已存在手机上，有信号后自动发送`);
  }

  // ---- 走访: visits ---------------------------------------------------------------------------

  function renderVisits() {
    const list = $('visit-list');
    list.textContent = '';
    queue().filter((item) => item.kind === 'visit').forEach((item) => {
      list.appendChild(el('li', { 'data-pending': 'true' }, [
        tag('待发送', 'pending'), ` ${when(item.at)} · ${item.visit.householdCount || 0} 户`,
        item.visit.note ? el('div', { text: item.visit.note }) : null,
      ]));
    });
    (load(mine('visits'), { items: [] }).items || []).forEach((visit) => {
      list.appendChild(el('li', { 'data-id': visit.id }, [
        `${when(visit.at)} · ${visit.householdCount == null ? '' : `${visit.householdCount} 户`}`,
        visit.location && visit.location.grid ? ` · ${visit.location.grid.name}` : '',
        visit.note ? el('div', { text: visit.note }) : null,
      ]));
    });
    if (!list.firstChild) list.appendChild(el('li', { class: 'muted', text: '暂无走访记录' }));
  }

  function visitArea() {
    const me = state.me;
    if (!me) return null;
    if (me.dutyAreas && me.dutyAreas.length) return me.dutyAreas[0].code;
    return me.homeArea ? me.homeArea.code : null;
  }

  async function loadVisits() {
    renderVisits();
    const here = state.position || load('position', null);
    if (here) $('visit-position').textContent = positionText(here);
    locate().then((fresh) => { $('visit-position').textContent = positionText(fresh); }, (error) => {
      $('visit-position').textContent = here ? `${error.message}；将用上次位置` : error.message;
    });
    const area = visitArea();
    if (!area) return;
    try {
      const data = await graphql(`query Visits($area: ID!, $person: ID) {
        visits(areaCode: $area, personId: $person, first: 10) { edges { node { ${VISIT_FIELDS} } } } }`,
      { area, person: state.me.id });
      save(mine('visits'), { at: Date.now(), items: data.visits.edges.map((edge) => edge.node) });
      $('visit-status').textContent = '';
      renderVisits();
    } catch (error) {
      $('visit-status').textContent = error.offline ? '没有信号：显示保存的记录' : refusalText(error);
    }
  }

  async function recordVisit(event) {
    event.preventDefault();
    let here;
    try {
      here = await locate();
    } catch (error) {
      here = state.position || load('position', null);
      if (!here || Date.now() - here.at > 10 * 60000) {
        showNotice(`${error.message}，无法记录走访位置`, true);
        return;
      }
    }
    const households = $('visit-households').value === '' ? null : Number($('visit-households').value);
    const waiting = queue();
    waiting.push({
      key: newKey(), kind: 'visit', at: new Date().toISOString(), title: '走访',
      visit: { location: { lon: here.lon, lat: here.lat }, note: $('visit-note').value.trim() || null, householdCount: households },
    });
    saveQueue(waiting);
    $('visit-note').value = '';
    renderVisits();
    if (state.online) flush();
    else showNotice('没有信号：走访记录已存在手机上，有信号后自动发送');
  }

  // ---- the queue ------------------------------------------------------------------------------

  function renderBadge() {
    const count = state.me ? queue().length : 0;
    $('queue-count').textContent = String(count);
    $('queue-badge').hidden = count === 0;
  }

  async function send(item, knownVersion) {
    if (item.kind === 'visit') {
      // The key drawn when the visit was queued: a retry of a request that was applied in flight
      // gives back the same visit, never a second one.
      const input = Object.assign({ at: item.at, idempotencyKey: item.key }, item.visit);
      const data = await graphql(`mutation Visit($input: RecordVisitInput!) { recordVisit(input: $input) { ${VISIT_FIELDS} } }`,
        { input });
      return data.recordVisit;
    }
    const action = ACTIONS[item.kind];
    const args = action.text ? `, ${action.text}: $text` : '';
    const variables = { id: item.petitionId, version: knownVersion };
    if (action.text) variables.text = item.text;
    const data = await graphql(`mutation Act($id: ID!, $version: Int${action.text ? ', $text: String!' : ''}) {
      ${action.field}(id: $id, version: $version${args}) { ${DETAIL_FIELDS} } }`, variables);
    return data[action.field];
  }

  // A request that failed in flight may have been applied: an action the service now refuses is
  // taken as done when the case already stands where that action leads.
  async function appliedEarlier(item) {
    if (!item.attempted || item.kind === 'visit' || item.kind === 'return') return false;
    try {
      const data = await graphql(`query Case($id: ID!) { petition(id: $id) { ${DETAIL_FIELDS} } }`, { id: item.petitionId });
      if (data.petition) keepCase(data.petition);
      return !!data.petition && data.petition.status === ACTIONS[item.kind].to;
    } catch (error) {
      return false;
    }
  }

  function refuse(item, error, cause) {
    const label = item.kind === 'visit' ? '走访记录' : `「${item.title}」的${ACTIONS[item.kind].label}`;
    const text = cause || `${label}没有生效：${refusalText(error)}`;
    const failed = load(mine('failed'), []);
    failed.unshift({ at: new Date().toISOString(), text, code: error ? error.code : null });
    save(mine('failed'), failed.slice(0, 30));
    return text;
  }

  async function flush() {
    // With no signal the phone knows of, nothing is tried: a request that fails in flight might
    // have been applied, and such an action is harder to settle (see appliedEarlier).
    if (state.flushing || !state.token || !state.me || navigator.onLine === false) return;
    state.flushing = true;
    const refused = [];
    let sent = 0;
    try {
      for (;;) {
        const waiting = queue();
        if (!waiting.length) break;
        const item = waiting[0];
        const known = item.petitionId ? cases()[item.petitionId] : null;
        // After an earlier queued action on the same case, the version it produced is the one to send.
        const version = item.chained && known ? known.version : item.version;
        let answer = null;
        let refusal = null;
        try {
          answer = await send(item, version);
        } catch (error) {
          if (error.offline) {
            item.attempted = true;
            saveQueue([item].concat(waiting.slice(1)));
            break;
          }
          if (error.code === 'UNAUTHENTICATED') break;
          if (TRANSIENT.indexOf(error.code) >= 0) {
            showNotice(`暂时发送不了（${error.message}），稍后自动重试`, true);
            break;
          }
          if (!(await appliedEarlier(item))) refusal = error;
        }
        let rest = queue().slice(1);
        if (refusal) {
          refused.push(refuse(item, refusal));
          // What was queued after it on the same case counted on it: not sent, and said so.
          rest = rest.filter((later) => {
            if (!item.petitionId || later.petitionId !== item.petitionId) return true;
            refused.push(refuse(later, null, `「${later.title}」的${ACTIONS[later.kind].label}没有发送：前一步操作没有生效`));
            return false;
          });
          if (item.petitionId) refreshCase(item.petitionId);
        } else if (answer && item.kind === 'visit') {
          const visits = load(mine('visits'), { items: [] });
          visits.items = [answer].concat(visits.items || []).slice(0, 20);
          save(mine('visits'), visits);
        } else if (answer) {
          keepCase(answer);
        }
        sent += refusal ? 0 : 1;
        saveQueue(rest);
      }
    } finally {
      state.flushing = false;
    }
    if (refused.length) showNotice(refused.join('\n'), true);
    else if (sent) showNotice(`${sent} 项操作已生效`);
    if (sent || refused.length) rerender();
  }

  async function refreshCase(id) {
    try {
      const data = await graphql(`query Case($id: ID!) { petition(id: $id) { ${DETAIL_FIELDS} } }`, { id });
      if (data.petition) keepCase(data.petition);
      rerender();
    } catch (error) {
      // shown as last saved
    }
  }

  function rerender() {
    renderBadge();
    if (state.view === 'case') renderCase();
    if (state.view === 'nearby') renderNearby(load(mine('nearby'), null));
    if (state.view === 'mine') renderMine(load(mine('mine'), null));
    if (state.view === 'visit') renderVisits();
    if (state.view === 'account') renderAccount();
  }

  // ---- views, sign-in -----------------------------------------------------------------------

  const TITLES = { 'sign-in': '贴心网格', nearby: '附近的诉求', mine: '我的案件', visit: '走访', case: '诉求详情', account: '账号' };

  function show(view) {
    state.view = view;
    ['sign-in', 'nearby', 'mine', 'visit', 'case', 'account'].forEach((name) => {
      $(`view-${name}`).hidden = name !== view;
    });
    $('heading').textContent = TITLES[view];
    $('back').hidden = view !== 'case';
    $('tabs').hidden = view === 'sign-in';
    Array.prototype.forEach.call(document.querySelectorAll('#tabs .tab'), (tab) => {
      tab.className = tab.getAttribute('data-view') === view ? 'tab active' : 'tab';
    });
    window.scrollTo(0, 0);
  }

  function go(view) {
    show(view);
    if (view === 'nearby') loadNearby();
    if (view === 'mine') loadMine();
    if (view === 'visit') loadVisits();
    if (view === 'account') renderAccount();
  }

  function renderAccount() {
    const me = state.me;
    $('account-who').textContent = me ? `${me.name}（${me.username}）${(me.dutyAreas || []).map((a) => a.name).join('、')}` : '';
    const list = $('failed-list');
    list.textContent = '';
    load(mine('failed'), []).forEach((failed) => {
      list.appendChild(el('li', { text: `${when(failed.at)} ${failed.text}` }));
    });
    if (!list.firstChild) list.appendChild(el('li', { class: 'muted', text: '无' }));
  }

  function signedOut(message) {
    state.token = null;
    try { localStorage.removeItem('tx.token'); } catch (error) { /* nothing kept */ }
    show('sign-in');
    $('sign-in-status').textContent = message || '';
    $('sign-in-status').className = message ? 'muted error' : 'muted';
  }

  async function useToken(token) {
    state.token = token;
    const data = await graphql('{ me { id username name roles dutyAreas { code name } homeArea { code name } } }');
    if (!data.me) throw new Refusal('FORBIDDEN', '此账号尚未登记为网格员或贴心人');
    state.me = data.me;
    save('token', token);
    save('me', data.me);
    renderBadge();
    go('nearby');
    flush();
  }

  async function devSignIn(event) {
    event.preventDefault();
    const username = $('username').value.trim();
    $('sign-in-status').textContent = '登录中…';
    $('sign-in-status').className = 'muted';
    try {
      let response;
      try {
        response = await fetch('/auth/dev-token', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username }),
        });
      } catch (error) {
        throw new Offline(error);
      }
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        if (response.status === 404) $('token-form').hidden = false;
        throw new Refusal(null, body.errors && body.errors.length ? body.errors[0].message
          : '本服务没有演示登录，请粘贴统一身份认证发放的令牌');
      }
      await useToken(body.token);
    } catch (error) {
      state.token = null;
      $('sign-in-status').textContent = `登录失败：${refusalText(error)}`;
      $('sign-in-status').className = 'muted error';
    }
  }

  async function tokenSignIn(event) {
    event.preventDefault();
    try {
      await useToken($('token').value.trim().replace(/^Bearer\s+/i, ''));
    } catch (error) {
      state.token = null;
      $('sign-in-status').textContent = `令牌无效：${refusalText(error)}`;
      $('sign-in-status').className = 'muted error';
    }
  }

  function tokenExpired(token) {
    try {
      const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return payload.exp && payload.exp * 1000 < Date.now();
    } catch (error) {
      return false;
    }
  }

  function wire() {
    $('dev-form').addEventListener('submit', devSignIn);
    $('token-form').addEventListener('submit', tokenSignIn);
    $('show-token-form').addEventListener('click', () => { $('token-form').hidden = false; });
    $('radius').addEventListener('change', () => { save('radius', $('radius').value); loadNearby(); });
    $('locate').addEventListener('click', loadNearby);
    $('mine-refresh').addEventListener('click', loadMine);
    $('visit-form').addEventListener('submit', recordVisit);
    $('back').addEventListener('click', () => go(state.previousView || 'nearby'));
    $('queue-badge').addEventListener('click', () => { if (state.online) flush(); go('account'); });
    $('notice').addEventListener('click', () => { $('notice').hidden = true; });
    $('sign-out').addEventListener('click', () => { state.me = null; save('me', null); signedOut(''); });
    $('case-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = $('case-form-text').value.trim();
      if (text && state.formAction) act(state.formAction, text);
    });
    $('case-form-cancel').addEventListener('click', hideForm);
    Array.prototype.forEach.call(document.querySelectorAll('#tabs .tab'), (tab) => {
      tab.addEventListener('click', () => go(tab.getAttribute('data-view')));
    });
    window.addEventListener('online', () => { setOnline(true); flush().then(() => { if (state.view !== 'case') go(state.view); }); });
    window.addEventListener('offline', () => setOnline(false));
    document.addEventListener('visibilitychange', () => { if (!document.hidden && state.online) flush(); });
    // Signal can come back without an 'online' event (a weak cell, not a switched-off radio).
    setInterval(() => { if (state.me && navigator.onLine !== false && queue().length) flush(); }, 30000);
  }

  function start() {
    wire();
    setOnline(navigator.onLine !== false);
    const radius = load('radius', '1000');
    $('radius').value = String(radius);
    if (!$('radius').value) $('radius').value = '1000';
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => undefined);
    }
    const token = load('token', null);
    const me = load('me', null);
    if (token && me && !tokenExpired(token)) {
      state.token = token;
      state.me = me;
      renderBadge();
      go('nearby');
      flush();
    } else {
      if (me) state.me = me;
      signedOut(me ? '登录已过期，请重新登录（未发送的操作仍保留在手机上）' : '');
      if (me) $('username').value = me.username;
      renderBadge();
    }
  }

  start();
}());
