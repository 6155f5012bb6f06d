// minerfleet live view: plain JavaScript, no library, no build step.
// Everything shown comes from the documented REST endpoints (docs/api.md) and the /events stream:
//   GET {base}/tree, /blocks/{hash}, /arrivals/{hash}, /transactions/{id}/lifecycle, GET|PUT /admin/network,
//   GET /view/miners (whose endpoints to read), GET /events (server-sent events of every miner shown).
'use strict';

const KEEP_HEIGHTS = 400;       // blocks kept in memory below the top; only the chosen window is drawn
const MAX_ORPHANS = 20;
const COL = 74, ROW = 46, BLOCK_W = 62, BLOCK_H = 30, LEFT = 40, TOP = 34;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
  '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1',
  '#636363'];

const state = {
  sources: [],                 // [{id, base}]
  nodes: new Map(),            // hash -> {hash, previousHash, height, miner, timestamp, transactionCount, orphan}
  tips: new Map(),             // source id -> {height, hash}
  status: new Map(),           // source id -> latest status event
  reorged: new Map(),          // block hash -> time it was taken off a chain
  selected: null,
  depth: 20,
  dirty: false,
};

const $ = (id) => document.getElementById(id);
const short = (hash) => hash ? hash.slice(0, 12) : '';
// inside a block: the digits after the proof of work's leading zeros tell blocks apart
const digits = (hash) => hash.replace(/^0+/, '').slice(0, 8);
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const clock = (millis) => new Date(millis).toISOString().slice(11, 23);

// ---- colours: a known miner gets its place in the fleet, anyone else a hash of its id

function colour(miner) {
  const at = state.sources.findIndex((source) => source.id === miner);
  if (at >= 0) {
    return PALETTE[at % PALETTE.length];
  }
  let h = 0;
  for (const c of miner) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

function darkText(hex) {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114) > 160;
}

// ---- data in

function addNode(block, orphan) {
  const known = state.nodes.get(block.hash);
  if (known && !orphan) {
    known.orphan = false;
    if (known.height == null) known.height = block.height;
    return;
  }
  if (!known) {
    state.nodes.set(block.hash, {
      hash: block.hash, previousHash: block.previousHash, height: orphan ? null : block.height, miner: block.miner,
      timestamp: block.timestamp, transactionCount: block.transactionCount, orphan: !!orphan, seenAt: Date.now(),
    });
  }
}

function setTip(source, height, hash) {
  state.tips.set(source, {height, hash});
}

function prune() {
  const top = topHeight();
  for (const [hash, node] of state.nodes) {
    if (!node.orphan && node.height < top - KEEP_HEIGHTS) state.nodes.delete(hash);
  }
  const orphans = [...state.nodes.values()].filter((node) => node.orphan);
  orphans.slice(0, Math.max(0, orphans.length - MAX_ORPHANS)).forEach((node) => state.nodes.delete(node.hash));
  const now = Date.now();
  for (const [hash, at] of state.reorged) if (now - at > 30000) state.reorged.delete(hash);
}

function topHeight() {
  let top = 0;
  for (const tip of state.tips.values()) top = Math.max(top, tip.height);
  for (const node of state.nodes.values()) if (!node.orphan) top = Math.max(top, node.height);
  return top;
}

async function getJson(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) {
    const error = new Error(url + ': ' + response.status);
    error.status = response.status;
    try { error.detail = (await response.json()).detail; } catch (ignored) { /* not JSON */ }
    throw error;
  }
  return response.json();
}

async function loadTree(source) {
  const tree = await getJson(`${source.base}/tree?depth=${Math.max(state.depth, 30)}&orphans=${MAX_ORPHANS}`);
  tree.blocks.forEach((block) => addNode(block, false));
  tree.orphans.forEach((block) => addNode(block, true));
  setTip(source.id, tree.height, tree.tip);
}

async function loadAll() {
  await Promise.all(state.sources.map((source) => loadTree(source).catch((error) => log(`${source.id}: ${error.message}`))));
  changed();
}

function connect() {
  const events = new EventSource('/events');
  const on = (name, handler) => events.addEventListener(name, (event) => {
    handler(JSON.parse(event.data));
    changed();
  });
  events.onopen = () => {
    $('connection').textContent = 'live';
    $('connection').className = 'connection live';
    loadAll();   // after every (re)connection: what happened while the stream was down
  };
  events.onerror = () => {
    $('connection').textContent = 'reconnecting…';
    $('connection').className = 'connection lost';
  };
  on('block', (event) => addNode(event.block, false));
  on('orphan', (event) => addNode(event.orphan, true));
  on('tip', (event) => setTip(event.source, event.height, event.tip));
  on('status', (event) => {
    state.status.set(event.source, event);
    if (state.sources.length && event.source === state.sources[0].id) fillNetworkForm(event.network);
    const tip = state.tips.get(event.source);
    if (!tip || tip.height <= event.height) setTip(event.source, event.height, event.tip);
  });
  on('reorg', (event) => {
    const reorg = event.reorg;
    const now = Date.now();
    reorg.disconnected.forEach((hash) => state.reorged.set(hash, now));
    const status = state.status.get(event.source);
    if (status) status.reorgs++;   // until the next status event counts it too
    log(`${event.source} reorganized at #${reorg.forkPointHeight}: −${reorg.depth} +${reorg.connected.length}, `
      + `tip #${reorg.newHeight} ${short(reorg.newTip)}` + (reorg.returned.length ? `, ${reorg.returned.length} tx back to the mempool` : ''), 'reorg');
  });
  on('arrival', () => {});
}

// ---- drawing

let scheduled = false;
function changed() {
  state.dirty = true;
  if (!scheduled) {
    scheduled = true;
    setTimeout(() => { scheduled = false; if (state.dirty) { state.dirty = false; prune(); render(); } }, 40);
  }
}

/** Which sources' active chains hold each drawn block: walk down from each tip. */
function activeSets(visible) {
  const active = new Map();
  for (const [source, tip] of state.tips) {
    let node = visible.get(tip.hash);
    while (node) {
      if (!active.has(node.hash)) active.set(node.hash, new Set());
      active.get(node.hash).add(source);
      node = visible.get(node.previousHash);
    }
  }
  return active;
}

/** Lanes: the branch most miners are on first, then each other branch in the first lane free over its heights. */
function layout(visible, active) {
  const hasChild = new Set();
  for (const node of visible.values()) hasChild.add(node.previousHash);
  const support = (node) => (active.get(node.hash) || new Set()).size;
  const branchTips = [...visible.values()].filter((node) => !hasChild.has(node.hash))
    .sort((a, b) => support(b) - support(a) || b.height - a.height || a.timestamp - b.timestamp);
  const lane = new Map();
  const lanes = [];   // per lane: occupied [from, to] height ranges
  for (const tip of branchTips) {
    const segment = [];
    for (let node = tip; node && !lane.has(node.hash); node = visible.get(node.previousHash)) segment.push(node);
    const from = segment[segment.length - 1].height - 1, to = tip.height;   // keep the edge's column free too
    let chosen = 0;
    if (lanes.length) {
      const free = lanes.findIndex((ranges, i) => i > 0 && ranges.every(([a, b]) => to < a || from > b));
      chosen = free > 0 ? free : lanes.length;
    }
    if (!lanes[chosen]) lanes[chosen] = [];
    lanes[chosen].push([from, to]);
    segment.forEach((node) => lane.set(node.hash, chosen));
  }
  return {lane, laneCount: Math.max(1, lanes.length)};
}

function render() {
  const top = topHeight();
  const bottom = Math.max(0, top - state.depth + 1);
  const visible = new Map();
  for (const node of state.nodes.values()) if (!node.orphan && node.height >= bottom) visible.set(node.hash, node);
  const orphans = [...state.nodes.values()].filter((node) => node.orphan);
  const active = activeSets(visible);
  const {lane, laneCount} = layout(visible, active);
  const x = (node) => LEFT + (node.height - bottom) * COL;
  const y = (node) => TOP + lane.get(node.hash) * ROW;
  const orphanY = TOP + laneCount * ROW + 18;
  const width = LEFT + (top - bottom + 1) * COL + 20;
  const height = orphanY + (orphans.length ? ROW + 10 : 0);
  const sources = state.sources.map((source) => source.id);
  const tipsAt = new Map();
  for (const [source, tip] of state.tips) {
    if (!tipsAt.has(tip.hash)) tipsAt.set(tip.hash, []);
    tipsAt.get(tip.hash).push(source);
  }

  const out = [];
  for (let h = bottom; h <= top; h += (state.depth > 40 ? 5 : 1)) {
    out.push(`<text class="axis" x="${LEFT + (h - bottom) * COL + BLOCK_W / 2}" y="12" text-anchor="middle">#${h}</text>`);
  }
  for (const node of visible.values()) {
    const parent = visible.get(node.previousHash);
    if (parent) {
      const x1 = x(parent) + BLOCK_W, y1 = y(parent) + BLOCK_H / 2, x2 = x(node), y2 = y(node) + BLOCK_H / 2;
      out.push(`<path class="edge" d="M${x1},${y1} C${x1 + 10},${y1} ${x2 - 10},${y2} ${x2},${y2}"/>`);
    }
  }
  let forkHeights = 0;
  const perHeight = new Map();
  for (const node of visible.values()) perHeight.set(node.height, (perHeight.get(node.height) || 0) + 1);
  for (const count of perHeight.values()) if (count > 1) forkHeights++;
  for (const node of visible.values()) {
    out.push(blockSvg(node, x(node), y(node), active.get(node.hash) || new Set(), sources, tipsAt.get(node.hash) || []));
  }
  if (orphans.length) {
    out.push(`<text class="lane-label" x="4" y="${orphanY - 6}">orphans (parent unknown here)</text>`);
    orphans.forEach((node, i) => out.push(blockSvg(node, LEFT + i * COL, orphanY, new Set(), sources, [])));
  }
  const svg = $('tree');
  const scroller = $('tree-scroll');
  const atRightEnd = scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 4;
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.dataset.top = top;
  svg.dataset.bottom = bottom;
  svg.dataset.forkHeights = forkHeights;
  svg.dataset.branches = laneCount;
  svg.innerHTML = out.join('');
  if (atRightEnd) scroller.scrollLeft = scroller.scrollWidth;   // follow the newest blocks unless scrolled back
  renderLegend(visible, orphans);
  renderMiners();
}

function blockSvg(node, x, y, activeFor, sources, tipOf) {
  const fill = colour(node.miner);
  const classes = ['block'];
  if (node.orphan) classes.push('orphan');
  if (state.reorged.has(node.hash)) classes.push('reorged');
  if (state.selected === node.hash) classes.push('selected');
  if (!node.orphan && !activeFor.size) classes.push('stale');
  const textClass = darkText(fill) ? ' class="dark"' : '';
  const parts = [`<g class="${classes.join(' ')}" data-hash="${node.hash}" data-height="${node.height ?? ''}" `
    + `data-miner="${esc(node.miner)}" data-seen-at="${node.seenAt}" data-active="${esc([...activeFor].sort().join(' '))}" data-tip-of="${esc(tipOf.join(' '))}">`,
    `<title>${esc(`#${node.height ?? '?'} ${node.hash}\nfound by ${node.miner}, ${node.transactionCount} tx\n`
      + (activeFor.size ? `on the active chain of ${[...activeFor].join(', ')}` : 'on no shown miner\'s active chain'))}</title>`,
    `<rect class="body" x="${x}" y="${y}" width="${BLOCK_W}" height="${BLOCK_H}" rx="4" fill="${fill}"/>`,
    `<text${textClass} x="${x + 4}" y="${y + 12}">${node.height == null ? '?' : '#' + node.height}</text>`,
    `<text${textClass} x="${x + 4}" y="${y + 24}">${digits(node.hash)}</text>`];
  // one square per miner shown, filled when that miner's active chain holds the block
  if (sources.length > 1 && !node.orphan) {
    const size = Math.max(2, Math.min(6, Math.floor((BLOCK_W - 2) / sources.length) - 1));
    sources.forEach((source, i) => {
      const on = activeFor.has(source);
      parts.push(`<rect x="${x + 1 + i * (size + 1)}" y="${y + BLOCK_H + 2}" width="${size}" height="${size}" `
        + `fill="${on ? colour(source) : 'none'}" stroke="${on ? 'none' : '#ddd'}"/>`);
    });
  }
  if (tipOf.length) {
    const label = tipOf.length <= 2 ? tipOf.join(', ') : `${tipOf.length} miners`;
    parts.push(`<text class="tip" x="${x + BLOCK_W / 2}" y="${y - 3}" text-anchor="middle">▼ ${esc(label)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function renderLegend(visible, orphans) {
  const finders = new Set([...visible.values(), ...orphans].map((node) => node.miner));
  state.sources.forEach((source) => finders.add(source.id));
  $('legend').innerHTML = [...finders].sort().map((miner) =>
    `<span><span class="swatch" style="background:${colour(miner)}"></span>${esc(miner)}</span>`).join('');
}

function renderMiners() {
  const rows = state.sources.map((source) => {
    const status = state.status.get(source.id);
    const tip = state.tips.get(source.id);
    const network = status ? describeNetwork(status.network) : '';
    return `<tr data-miner="${esc(source.id)}"><td><span class="swatch" style="background:${colour(source.id)}"></span>${esc(source.id)}</td>`
      + `<td class="num height">${tip ? tip.height : ''}</td><td class="mono"><a class="block-link" data-hash="${tip ? tip.hash : ''}">${tip ? short(tip.hash) : ''}</a></td>`
      + `<td class="num mempool">${status ? status.mempoolSize : ''}</td><td class="num">${status ? rate(status.hashrate) : ''}</td>`
      + `<td>${status ? status.mining : ''}</td><td class="num">${status ? status.reorgs : ''}</td><td>${esc(network)}</td></tr>`;
  });
  $('miners').tBodies[0].innerHTML = rows.join('');
}

function rate(hashrate) {
  if (hashrate >= 1e6) return (hashrate / 1e6).toFixed(2) + ' MH/s';
  if (hashrate >= 1e3) return (hashrate / 1e3).toFixed(1) + ' kH/s';
  return Math.round(hashrate) + ' H/s';
}

function millisOf(iso) {
  const match = /^PT(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
  return match ? Math.round((+(match[1] || 0) * 60 + +(match[2] || 0)) * 1000) : 0;
}

function describeNetwork(network) {
  const parts = [];
  if (millisOf(network.delay)) parts.push(`delay ${millisOf(network.delay)} ms`);
  if (millisOf(network.jitter)) parts.push(`jitter ${millisOf(network.jitter)} ms ${network.jitterDistribution}`);
  if (network.loss) parts.push(`loss ${Math.round(network.loss * 100)}%`);
  if (network.partitions && network.partitions.length) parts.push('split ' + network.partitions.map((g) => g.join(',')).join(' | '));
  return parts.join(', ') || 'perfect';
}

function log(text, kind) {
  const item = document.createElement('li');
  if (kind) item.className = kind;
  item.innerHTML = `<time>${clock(Date.now())}</time>${esc(text)}`;
  const list = $('log');
  list.prepend(item);
  while (list.children.length > 200) list.lastChild.remove();
}

// ---- details: a block

function sourceFor(hash) {
  for (const source of state.sources) {
    const tip = state.tips.get(source.id);
    if (tip && tip.hash === hash) return source;
  }
  return state.sources[0];
}

async function showBlock(hash) {
  state.selected = hash;
  changed();
  $('details-title').textContent = 'Block ' + short(hash);
  const sources = [sourceFor(hash), ...state.sources];
  let block = null;
  for (const source of sources) {
    try { block = await getJson(`${source.base}/blocks/${hash}`); break; } catch (ignored) { /* try the next miner */ }
  }
  if (!block) {
    const node = state.nodes.get(hash);
    $('details').innerHTML = `<p>No miner shown stores block <code>${esc(hash)}</code> yet`
      + (node && node.orphan ? ' (an orphan: its parent is unknown).' : '.') + '</p>';
    return;
  }
  const arrivals = await Promise.all(state.sources.map((source) =>
    getJson(`${source.base}/arrivals/${hash}`).then((arrival) => ({source, arrival}), () => ({source, arrival: null}))));
  const txs = block.transactions.slice(0, 200).map((tx) =>
    `<tr><td><a class="tx" data-id="${tx.id}">${short(tx.id)}</a></td><td>${esc(tx.sender)} → ${esc(tx.receiver)}</td>`
    + `<td class="num">${tx.amount}</td><td>${esc(tx.origin)}</td></tr>`).join('');
  $('details').innerHTML = `<dl>
      <dt>hash</dt><dd class="mono">${block.hash}</dd>
      <dt>height</dt><dd>${block.height}</dd>
      <dt>found by</dt><dd><span class="swatch" style="background:${colour(block.miner)}"></span>${esc(block.miner)}</dd>
      <dt>previous</dt><dd class="mono"><a class="block-link" data-hash="${block.previousHash}">${block.previousHash}</a></dd>
      <dt>merkle root</dt><dd class="mono">${block.merkleRoot}</dd>
      <dt>timestamp</dt><dd>${new Date(block.timestamp).toISOString()}</dd>
      <dt>version · bits · nonce</dt><dd class="mono">${block.version} · ${block.bits} · ${block.nonce}</dd>
      <dt>size</dt><dd>${block.size} bytes, ${block.transactionCount} transactions</dd>
    </dl>
    <h2>Received</h2>
    <table class="arrivals"><thead><tr><th>miner</th><th>at</th><th>after found</th><th>from</th><th>via</th></tr></thead><tbody>
    ${arrivals.map(({source, arrival}) => arrival
      ? `<tr data-miner="${esc(source.id)}"><td>${esc(source.id)}</td><td>${clock(arrival.receivedAt)}</td><td class="num">${arrival.receivedAt - block.timestamp} ms</td>`
        + `<td>${esc(arrival.from)}</td><td>${arrival.via}${arrival.orphan ? ' (orphan)' : ''}</td></tr>`
      : `<tr data-miner="${esc(source.id)}"><td>${esc(source.id)}</td><td colspan="4" class="hint">not recorded</td></tr>`).join('')}
    </tbody></table>
    <h2>Transactions</h2>
    <table><thead><tr><th>id</th><th>from → to</th><th>amount</th><th>made by</th></tr></thead><tbody>${txs}</tbody></table>
    ${block.transactions.length > 200 ? `<p class="hint">first 200 of ${block.transactions.length}</p>` : ''}`;
}

// ---- details: a transaction's lifecycle

async function showTransaction(id) {
  $('details-title').textContent = 'Transaction ' + short(id);
  const views = await Promise.all(state.sources.map((source) =>
    getJson(`${source.base}/transactions/${id}/lifecycle`).then((view) => ({source, view}),
      (error) => ({source, view: null, error}))));
  const bad = views.find((entry) => entry.error && entry.error.status === 400);
  if (bad) {
    $('details').innerHTML = `<p class="returned">${esc(bad.error.detail || 'not a transaction id')}</p>`;
    return;
  }
  const known = views.filter((entry) => entry.view && entry.view.transaction);
  const tx = known.length ? known[0].view.transaction : null;
  const by = (status) => views.filter((entry) => entry.view && entry.view.status === status).map((entry) => entry.source.id);
  const confirmed = views.filter((entry) => entry.view && entry.view.status === 'confirmed');
  const returns = views.flatMap((entry) => (entry.view ? entry.view.returnedBy : []).map((ret) => ({source: entry.source.id, ret})));
  const lines = [];
  lines.push(`<dt>id</dt><dd class="mono">${esc(id)}</dd>`);
  if (tx) {
    lines.push(`<dt>generated by</dt><dd>${esc(tx.origin)} at ${clock(tx.createdAt)}</dd>`);
    lines.push(`<dt>transfer</dt><dd>${esc(tx.sender)} → ${esc(tx.receiver)}, ${tx.amount}${tx.payload ? ` · <code>${esc(tx.payload)}</code>` : ''}</dd>`);
  }
  lines.push(`<dt>pending at</dt><dd class="status-pending">${by('pending').join(', ') || '—'}</dd>`);
  if (confirmed.length) {
    const groups = new Map();
    confirmed.forEach(({source, view}) => {
      const key = `${view.height}|${view.blockHash}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(`${source.id} (${view.confirmations} conf.)`);
    });
    lines.push(`<dt>confirmed</dt><dd class="status-confirmed">${[...groups].map(([key, miners]) => {
      const [height, hash] = key.split('|');
      return `at #${height} in <a class="block-link" data-hash="${hash}">${short(hash)}</a> on ${miners.join(', ')}`;
    }).join('<br>')}</dd>`);
  }
  else {
    lines.push('<dt>confirmed</dt><dd>—</dd>');
  }
  if (by('dropped').length) lines.push(`<dt>dropped (double spend)</dt><dd class="status-dropped">${by('dropped').join(', ')}</dd>`);
  if (by('unknown').length) lines.push(`<dt>unknown at</dt><dd class="status-unknown">${by('unknown').join(', ')}</dd>`);
  lines.push(`<dt>returned by a reorg</dt><dd class="returned">${returns.length ? returns.map(({source, ret}) =>
    `${esc(source)} at ${clock(ret.at)}: block #${ret.height} <a class="block-link" data-hash="${ret.block}">${short(ret.block)}</a> taken off (depth ${ret.depth})`).join('<br>') : '—'}</dd>`);
  $('details').innerHTML = `<dl class="lifecycle">${lines.join('')}</dl>`;
}

// ---- network controls

function networkBody(partitions) {
  formFilled = true;
  return {
    delay: `${Math.max(0, +$('net-delay').value || 0)}ms`,
    jitter: `${Math.max(0, +$('net-jitter').value || 0)}ms`,
    jitterDistribution: $('net-distribution').value,
    loss: Math.min(1, Math.max(0, (+$('net-loss').value || 0) / 100)),
    partitions: partitions,
  };
}

function parsePartitions(text) {
  return text.split(';').map((group) => group.split(',').map((id) => id.trim()).filter(Boolean)).filter((group) => group.length);
}

async function putNetwork(body) {
  const headers = {'Content-Type': 'application/json'};
  if ($('net-token').value) headers.Authorization = 'Bearer ' + $('net-token').value;
  const results = await Promise.all(state.sources.map((source) =>
    getJson(`${source.base}/admin/network`, {method: 'PUT', headers, body: JSON.stringify(body)})
      .then(() => null, (error) => `${source.id}: ${error.detail || error.message}`)));
  const failures = results.filter(Boolean);
  $('net-result').textContent = failures.length ? failures.join('; ') : `applied to ${state.sources.length} miner(s) at ${clock(Date.now())}`;
  $('net-result').className = failures.length ? 'bad' : '';
  log(failures.length ? `network change failed: ${failures.join('; ')}` : `network set: ${JSON.stringify(body)}`);
}

/** The form shows the conditions of the first miner once they are known, unless the user typed in it first. */
let formFilled = false;
function fillNetworkForm(network) {
  if (formFilled) return;
  formFilled = true;
  $('net-delay').value = millisOf(network.delay);
  $('net-jitter').value = millisOf(network.jitter);
  $('net-distribution').value = network.jitterDistribution;
  $('net-loss').value = Math.round(network.loss * 100);
  $('net-partitions').value = (network.partitions || []).map((group) => group.join(',')).join(';');
}

// ---- wiring

document.addEventListener('click', (event) => {
  const block = event.target.closest('[data-hash]');
  const tx = event.target.closest('a.tx');
  if (tx) {
    $('search-id').value = tx.dataset.id;
    showTransaction(tx.dataset.id);
  }
  else if (block && block.dataset.hash) {
    showBlock(block.dataset.hash);
  }
});

$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = $('search-id').value.trim().toLowerCase();
  if (id) showTransaction(id);
});

$('depth').addEventListener('change', () => {
  state.depth = +$('depth').value;
  loadAll();
});

// what the user types is theirs: conditions loaded later must not overwrite it (a race WebViewIT lost now and then)
$('network').addEventListener('input', () => {
  formFilled = true;
});

$('network').addEventListener('submit', (event) => {
  event.preventDefault();
  putNetwork(networkBody(parsePartitions($('net-partitions').value)));
});

$('net-split').addEventListener('click', () => {
  const ids = state.sources.map((source) => source.id);
  const half = Math.ceil(ids.length / 2);
  const groups = [ids.slice(0, half), ids.slice(half)].filter((group) => group.length);
  $('net-partitions').value = groups.map((group) => group.join(',')).join(';');
  putNetwork(networkBody(groups));
});

$('net-heal').addEventListener('click', () => {
  $('net-partitions').value = '';
  $('net-delay').value = 0;
  $('net-jitter').value = 0;
  $('net-loss').value = 0;
  putNetwork({});
});

(async function start() {
  try {
    const view = await getJson('/view/miners');
    state.sources = view.miners;
    document.title = (view.fleet ? 'fleet' : view.miners.map((m) => m.id).join(', ')) + ' · minerfleet live view';
  }
  catch (error) {
    log('cannot read /view/miners: ' + error.message);
    return;
  }
  connect();
  render();
})();
