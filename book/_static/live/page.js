// The live tokenizer on the book's pages. A cell tagged `live-pieces` (chapter 3's coloured word
// pieces) or `live-playground` (chapter 5's playground) gets a live version of its output: the
// real tokenizer runs in the browser (see encode.js) and redraws as the reader types, in the
// colours and words of course.pieces and course.playground. The stored output stays in the page,
// hidden once the live output works, so without JavaScript the reader sees it unchanged.
import { encodeBatch, groupIntoWords, load, manifest } from "./encode.js";

const MAX_LENGTH = { min: 2, max: 512 };
// Labels and messages are in the page's language (courseText, book/_static/course-text.js);
// `make translations` extracts the t("...") texts.
let uniqueId = 0;

/** A label or message in the page's language, its `{name}` placeholders filled from `values`. */
function t(text, values = {}) {
  return window.courseText ? window.courseText(text, values) : text;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** A labelled control: [label, control] with the label pointing at the control. */
function labelled(text, control) {
  control.id = `live-${++uniqueId}`;
  return [element("label", { for: control.id, text }), control];
}

function select(options, value) {
  const node = element("select");
  for (const [optionValue, label] of options) node.append(element("option", { value: optionValue, text: label }));
  node.value = value;
  return node;
}

/** The checkpoint the chapter loaded last before `cell` (its name in quotes in a code cell). */
function chapterCheckpoint(cell, checkpoints) {
  let found = checkpoints[0].name;
  for (const input of document.querySelectorAll(".cell .cell_input")) {
    if (!(input.compareDocumentPosition(cell) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
    const text = input.textContent;
    let last = -1;
    for (const { name } of checkpoints) {
      const at = Math.max(text.lastIndexOf(`"${name}"`), text.lastIndexOf(`'${name}'`));
      if (at > last) [found, last] = [name, at];
    }
  }
  return found;
}

/** The stored values of the ipywidgets controls shown in `cell` (texts, max_length, ...). */
function widgetValues(cell) {
  const state = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const view = cell.querySelector('script[type="application/vnd.jupyter.widget-view+json"]');
  const values = { texts: [] };
  if (!state || !view) return values;
  const models = JSON.parse(state.textContent).state;
  const walk = (id) => {
    const model = models[id];
    if (!model) return;
    const { state: settings, model_name: kind } = model;
    if (kind === "TextModel") values.texts.push(settings.value);
    else if (settings.description) {
      values[settings.description] = settings._options_labels ? settings._options_labels[settings.index] : settings.value;
    }
    for (const child of settings.children ?? []) walk(child.replace("IPY_MODEL_", ""));
  };
  walk(JSON.parse(view.textContent).model_id);
  return values;
}

/** One row's words as coloured frames of pieces (token above, id below), as course.pieces draws. */
function piecesView(row, styles) {
  const frames = element("div", { class: "live-pieces" });
  let number = 0;
  for (const word of groupIntoWords(row.filter((cell) => cell.kind !== "padding"))) {
    const colour = word.special ? styles.special_colour : styles.palette[number++ % styles.palette.length];
    const frame = element("span", { class: word.special ? "live-word live-special-word" : "live-word" });
    for (const piece of word.pieces) {
      frame.append(element("span", { class: "live-piece", style: `background:${colour}` },
        piece.token, element("br"), element("span", { class: "live-id", text: String(piece.id) })));
    }
    frames.append(frame);
  }
  return frames;
}

/** "1 token", "2 tokens": a number and its noun, as course.playground.counted writes it. */
/** "1 token" or "7 tokens": `one` and `many` are translated texts, `many` with a {count}. */
function counted(number, one, many) {
  return (number === 1 ? one : many).replace("{count}", String(number));
}

/** A row's heading, as course.playground.row_heading writes it: cut rows say what they kept. */
function rowHeading(name, kept, full) {
  return kept < full ? t("{name} (cut by truncation: {kept} of its {full} tokens kept)", { name, kept, full }) : name;
}

const ROWS = [["tokens", (cell) => cell.token], ["input_ids", (cell) => cell.id],
              ["token_type_ids", (cell) => cell.typeId], ["attention_mask", (cell) => cell.attention]];

/** The batch as course.playground's table: a block per sequence under its heading ({text, cut}), cells coloured
 * by kind. */
function tableView(rows, headings, styles) {
  const table = element("table", { class: "live-table" });
  rows.forEach((row, index) => {
    const { text, cut } = headings[index];
    table.append(element("tr", {}, element("th", { colspan: String(row.length + 1), scope: "colgroup",
                                                    class: cut ? "live-name live-cut" : "live-name", text })));
    for (const [name, value] of ROWS) {
      table.append(element("tr", {}, element("th", { scope: "row", text: name }),
        ...row.map((cell) => element("td", { style: styles.kind_styles[cell.kind], class: `live-${cell.kind}`,
                                             text: String(value(cell)) }))));
    }
  });
  return table;
}

const KIND_NAMES = { text: t("text"), special: t("special"), padding: t("padding") };

function legend(styles) {
  return element("p", { class: "live-legend" }, ...Object.entries(styles.kind_styles).map(
    ([kind, style]) => element("span", { style, class: `live-${kind}`, text: KIND_NAMES[kind] ?? kind })));
}

/** The call that the reader would type in Python for these settings. */
function callText(pair, padding, truncation, maxLength) {
  const options = [`padding='${padding}'`, `truncation=${truncation ? "True" : "False"}`];
  if (padding === "max_length" || truncation) options.push(`max_length=${maxLength}`);
  return `tokenizer(${pair ? "sentences[0], sentences[1]" : "sentences"}, ${options.join(", ")})`;
}

function summary(call, rows, pair) {
  if (!rows.length) return t("{call}  ->  nothing to show: type a sentence", { call });
  const lengths = rows.map((row) => row.length);
  const what = pair ? t("1 pair") : counted(lengths.length, t("1 sentence"), t("{count} sentences"));
  const counts = new Set(lengths).size === 1
    ? counted(lengths[0], t("1 token"), t("{count} tokens"))
    : t("{lengths} tokens", { lengths: lengths.join(", ") });
  return t("{call}  ->  {what} of {counts}", { call, what, counts });
}

/** The shared frame of a live output: heading note, controls, status line, result. */
class LiveOutput {
  constructor(cell, title, checkpoints, checkpoint) {
    this.checkpoint = select(checkpoints.map((entry) => [entry.name, entry.label]), checkpoint);
    this.status = element("p", { class: "live-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.result = element("div", { class: "live-result" });
    this.controls = element("div", { class: "live-controls" }, ...labelled(t("checkpoint"), this.checkpoint));
    this.root = element("section", { class: "live-tokenizer", "aria-label": title },
      element("p", { class: "live-note", text: t("{title}: the real tokenizer runs in your browser. Edit the text and " +
                                                 "the settings; the result below updates as you type.", { title }) }),
      this.controls, this.status, this.result);
    this.root.addEventListener("input", () => this.update());  // text, number, select and checkbox
    this.stored = cell.querySelector(".cell_output");  // shown until the live output works
    if (this.stored) this.stored.after(this.root);
    else cell.append(this.root);
  }

  /** Recompute and redraw; shows a one-sentence message instead when something is wrong. */
  async update() {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    try {
      const tokenizer = await load(this.checkpoint.value);
      if (ticket !== this.ticket) return;  // a newer edit arrived while the tokenizer loaded
      const [statusText, view] = this.render(tokenizer);
      this.status.textContent = statusText;
      this.result.replaceChildren(view);
      if (this.stored) this.stored.hidden = true;
    } catch (error) {
      this.status.textContent = error.message;
      this.result.replaceChildren();
    }
  }
}

/** Chapter 5: texts (a batch of two, or one pair), max_length, padding and truncation. */
class LivePlayground extends LiveOutput {
  constructor(cell, styles, checkpoints, checkpoint) {
    super(cell, t("Live playground"), checkpoints, checkpoint);
    const stored = widgetValues(cell);
    const texts = stored.texts.length ? stored.texts : ["", ""];
    this.texts = texts.map((text) => element("input", { type: "text", class: "live-input", value: text,
                                                       spellcheck: "false" }));
    this.pair = element("input", { type: "checkbox" });
    this.maxLength = element("input", { type: "number", min: String(MAX_LENGTH.min), max: String(MAX_LENGTH.max),
                                        value: String(stored.max_length ?? 12) });
    this.padding = select(styles.padding_choices.map((choice) => [choice, choice]), stored.padding ?? "longest");
    this.truncation = element("input", { type: "checkbox" });
    this.truncation.checked = stored.truncation ?? true;
    this.styles = styles;
    this.controls.append(
      ...this.texts.flatMap((text, index) => labelled(t("sentence {number}", { number: index }), text)),
      element("span", { class: "live-check" }, ...labelled(t("as one pair (text, text_pair)"), this.pair).reverse()),
      ...labelled(t("max_length"), this.maxLength), ...labelled(t("padding"), this.padding),
      element("span", { class: "live-check" }, ...labelled(t("truncation"), this.truncation).reverse()));
    this.update();
  }

  render(tokenizer) {
    const maxLength = Number(this.maxLength.value);
    if (!Number.isInteger(maxLength) || maxLength < MAX_LENGTH.min || maxLength > MAX_LENGTH.max) {
      throw new Error(t("max_length must be a whole number from {min} to {max}.", MAX_LENGTH));
    }
    const texts = this.texts.map((text) => text.value).filter((text) => text.trim());
    const pair = this.pair.checked && texts.length === 2;
    const inputs = pair ? [texts] : texts;
    const options = { padding: this.padding.value, truncation: this.truncation.checked, maxLength };
    const rows = inputs.length ? encodeBatch(tokenizer, inputs, options) : [];
    const full = encodeBatch(tokenizer, inputs, { padding: "do_not_pad", truncation: false }).map((row) => row.length);
    const names = pair ? [t("pair (sentence 0, sentence 1)")] : rows.map((_, index) => t("sentence {number}", { number: index }));
    const headings = rows.map((row, index) => {
      const kept = row.filter((cell) => cell.kind !== "padding").length;
      return { text: rowHeading(names[index], kept, full[index]), cut: kept < full[index] };
    });
    const view = element("div", {}, ...rows.map((row) => piecesView(row, this.styles)),
      tableView(rows, headings, this.styles), legend(this.styles));
    return [summary(callText(pair, options.padding, options.truncation, maxLength), rows, pair), view];
  }
}

/** Chapter 3: one text cut into pieces, coloured by word. */
class LivePieces extends LiveOutput {
  constructor(cell, styles, checkpoints, checkpoint) {
    super(cell, t("Live word pieces"), checkpoints, checkpoint);
    this.styles = styles;
    this.text = element("input", { type: "text", class: "live-input", spellcheck: "false" });
    this.special = element("input", { type: "checkbox" });
    this.controls.append(...labelled(t("text"), this.text),
      element("span", { class: "live-check" }, ...labelled(t("add_special_tokens"), this.special).reverse()));
    this.storedIds = [...cell.querySelectorAll(".cell_output span > br + span")].map((span) => Number(span.textContent));
    this.start();
  }

  /** Start from the stored output's text: its ids decoded by the chapter's tokenizer. */
  async start() {
    if (this.storedIds.length) {
      try {
        this.text.value = (await load(this.checkpoint.value)).decode(this.storedIds);
      } catch {
        // update() below reports why the tokenizer is missing
      }
    }
    this.update();
  }

  render(tokenizer) {
    const text = this.text.value;
    if (!text.trim()) return [t("Nothing to show: type a sentence."), element("div")];
    const [row] = encodeBatch(tokenizer, [text], { padding: "do_not_pad", truncation: false });
    const shown = this.special.checked ? row : row.filter((cell) => cell.kind !== "special");
    const tokens = counted(shown.length, t("1 token"), t("{count} tokens"));
    const words = counted(groupIntoWords(shown).length, t("1 word"), t("{count} words"));
    return [t("{tokens} in {words}", { tokens, words }), piecesView(shown, this.styles)];
  }
}

async function main() {
  const { checkpoints, ...styles } = await manifest;
  for (const [tag, Live] of [["live-pieces", LivePieces], ["live-playground", LivePlayground]]) {
    for (const cell of document.querySelectorAll(`.cell.tag_${tag}`)) {
      new Live(cell, styles, checkpoints, chapterCheckpoint(cell, checkpoints));
    }
  }
}

main().catch((error) => console.warn(`The live tokenizer is off: ${error.message}`));
