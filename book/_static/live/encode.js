// The live tokenizer's logic, without the page: load a checkpoint's tokenizer files and encode
// texts as `tokenizer(texts, padding=..., truncation=..., max_length=...)` does in Python
// (right-side truncation "longest_first" and right-side padding, the defaults of the book's
// tokenizers). @huggingface/tokenizers splits text into pieces and adds the special tokens;
// truncation and padding, which it does not do, happen here.
import { Tokenizer } from "../vendor/tokenizers/tokenizers.min.mjs";

const HERE = import.meta.url;
const loaded = new Map();

async function fetchJson(path) {
  const response = await fetch(new URL(path, HERE));
  if (!response.ok) throw new Error(`${path} could not be loaded (HTTP ${response.status}).`);
  return response.json();
}

/** The manifest written at build time: checkpoints, their labels, and the notebooks' colours. */
export const manifest = fetchJson("manifest.json");

/** The tokenizer of one checkpoint of the manifest (loaded once). */
export function load(checkpoint) {
  if (!loaded.has(checkpoint)) {
    loaded.set(checkpoint, manifest.then(async ({ checkpoints }) => {
      const entry = checkpoints.find((item) => item.name === checkpoint);
      if (!entry) throw new Error(`The website has no tokenizer for ${checkpoint}.`);
      const [json, config] = await Promise.all(
        [fetchJson(entry.tokenizer), fetchJson(entry.tokenizer_config)]);
      const tokenizer = new Tokenizer(json, config);
      tokenizer.padToken = config.pad_token;
      return tokenizer;
    }));
  }
  return loaded.get(checkpoint);
}

/** How many tokens of each text to keep, as the Rust tokenizers' "longest_first" decides. */
export function keptLengths(lengths, budget) {
  const total = lengths.reduce((sum, length) => sum + length, 0);
  if (total <= budget) return lengths;
  if (lengths.length === 1) return [budget];
  const swap = lengths[0] > lengths[1];
  let [shorter, longer] = swap ? [lengths[1], lengths[0]] : lengths;
  longer = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
  if (shorter + longer > budget) {
    shorter = Math.floor(budget / 2);
    longer = shorter + (budget % 2);
  }
  const kept = swap ? [longer, shorter] : [shorter, longer];
  return kept.map((length, index) => Math.min(length, lengths[index]));
}

/** One text (or a pair, `[text, pair]`) as rows of positions, before padding. */
function encodeOne(tokenizer, texts, truncation, maxLength) {
  const parts = texts.map((text) => tokenizer.encode(text, { add_special_tokens: false }));
  // Placeholders (numbers) for the texts' tokens show where the special tokens go.
  const numbered = (length, start) => Array.from({ length }, (_, index) => start + index);
  const template = (lengths) => tokenizer.post_processor(
    numbered(lengths[0], 0), lengths.length > 1 ? numbered(lengths[1], lengths[0]) : null, true);
  let lengths = parts.map((part) => part.ids.length);
  const added = template(lengths.map(() => 0)).tokens.length;
  if (truncation && maxLength >= added) lengths = keptLengths(lengths, maxLength - added);
  const ids = parts.flatMap((part, index) => part.ids.slice(0, lengths[index]));
  const tokens = parts.flatMap((part, index) => part.tokens.slice(0, lengths[index]));
  const processed = template(lengths);
  return processed.tokens.map((item, position) => {
    const special = typeof item !== "number";
    return {
      token: special ? item : tokens[item],
      id: special ? tokenizer.token_to_id(item) : ids[item],
      typeId: processed.token_type_ids[position],
      attention: 1,
      kind: special ? "special" : "text",
    };
  });
}

/**
 * Encode a batch: `inputs` holds strings (one sequence each) or `[text, pair]` arrays.
 * Returns one array of positions per input: {token, id, typeId, attention, kind}, where kind is
 * "text", "special" or "padding", as course.playground names them.
 */
export function encodeBatch(tokenizer, inputs, { padding = "longest", truncation = true, maxLength = 512 } = {}) {
  const rows = inputs.map((input) => encodeOne(
    tokenizer, Array.isArray(input) ? input : [input], truncation, maxLength));
  const longest = Math.max(0, ...rows.map((row) => row.length));
  const target = { longest, max_length: maxLength, do_not_pad: 0 }[padding];
  if (target === undefined) throw new Error(`padding must be longest, max_length or do_not_pad, not ${padding}.`);
  const pad = { token: tokenizer.padToken, id: tokenizer.token_to_id(tokenizer.padToken), typeId: 0,
                attention: 0, kind: "padding" };
  return rows.map((row) => row.concat(Array.from({ length: Math.max(0, target - row.length) }, () => pad)));
}

/**
 * Group a row's positions into words as `encoding.word_ids()` does for WordPiece: a piece that
 * starts with "##" continues the word before it; special tokens and padding stand alone.
 */
export function groupIntoWords(row) {
  const words = [];
  for (const cell of row) {
    const previous = words[words.length - 1];
    const continues = cell.kind === "text" && cell.token.startsWith("##") && previous && !previous.special;
    if (continues) previous.pieces.push(cell);
    else words.push({ pieces: [cell], special: cell.kind !== "text" });
  }
  return words;
}
