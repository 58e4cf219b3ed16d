// DOM helpers: every value reaches the page as a text node or an attribute value, never as markup.

/** Builds an element: attributes (on* keys become listeners), then children (strings become text nodes). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A table with a caption; rows are arrays of cells (strings or nodes). */
export function table(caption, headers, rows, attrs) {
  return h('table', attrs, h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map(x => h('th', {scope: 'col'}, x)))),
    h('tbody', null, rows.length === 0
      ? h('tr', null, h('td', {colspan: headers.length, class: 'empty'}, 'none'))
      : rows.map(r => h('tr', null, r.map(c => h('td', null, c ?? ''))))));
}

/** A labelled form field; the label is tied to the control by id. */
export function field(id, label, control) {
  control.id = id;
  if (!control.name) control.name = id;
  return h('div', {class: 'field'}, h('label', {for: id}, label), control);
}

export function input(attrs) {
  return h('input', Object.assign({type: 'text'}, attrs));
}

export function select(options, attrs) {
  return h('select', attrs, options.map(([value, text]) => h('option', {value}, text)));
}

let statusEl = null;
/** Tells the operator what happened (polite live region); errors get role=alert styling. */
export function notify(message, error) {
  statusEl = statusEl || document.getElementById('status');
  statusEl.textContent = message || '';
  statusEl.className = error ? 'error' : '';
}

export function list(values) {
  return (values || []).join(', ');
}
