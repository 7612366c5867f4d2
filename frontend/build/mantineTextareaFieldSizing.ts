import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Where @mantine/core keeps the textarea that grows with its text, as the bundler names the file. */
const AUTOSIZE_FILE = /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]Textarea[\\/]Autosize\.mjs$/;

/** The file's one export, which the rewrite takes over. */
const EXPORT = 'export { TextareaAutosize };';

/**
 * What takes the export's place: where the browser sizes a text box to its
 * text itself (CSS `field-sizing: content`), a plain textarea that does, its
 * least and most heights set in lines (`lh`) plus the input's padding and
 * border, as Mantine's are; elsewhere Mantine's own component.
 *
 * Why: Mantine's measures the text in a hidden textarea in a layout effect on
 * every render of every box that grows (the quick log's, every notes box),
 * reading computed styles and a scroll height: a forced style and layout of
 * the page inside the commit that mounts a record's page, and again on each
 * render (each key typed). Chromium 123, Safari 26.2 and Firefox 152 size the
 * box without script; an older browser still takes Mantine's path.
 */
export const FIELD_SIZED = `
const browserSizesFields = () => typeof CSS !== "undefined" && typeof CSS.supports === "function" && CSS.supports("field-sizing", "content");
const liaisonRows = (rows) => \`calc(\${rows}lh + 2 * var(--input-padding-y, 0rem) + 2 * calc(0.0625rem * var(--mantine-scale)))\`;
function FieldSizedTextarea({ maxRows, minRows, style, ...props }) {
	return jsx("textarea", {
		rows: minRows,
		...props,
		style: { fieldSizing: "content", height: "auto", minHeight: liaisonRows(minRows ?? 1), maxHeight: maxRows === void 0 ? void 0 : liaisonRows(maxRows), ...style }
	});
}
function LiaisonTextareaAutosize(props) {
	return browserSizesFields() ? FieldSizedTextarea(props) : jsx(TextareaAutosize, props);
}
export { LiaisonTextareaAutosize as TextareaAutosize };
`;

/** The file with its export taken over by FIELD_SIZED; throws unless the export is found once (a new Mantine changed the file). */
export function rewriteAutosize(code: string): string {
  const at = code.indexOf(EXPORT);
  if (at < 0 || code.indexOf(EXPORT, at + 1) >= 0) throw new Error(`mantine-textarea-field-sizing: want "${EXPORT}" once in the file`);
  if (!/import \{ jsx \} from "react\/jsx-runtime";/.test(code)) throw new Error('mantine-textarea-field-sizing: the file no longer imports jsx');
  return code.slice(0, at) + FIELD_SIZED + code.slice(at + EXPORT.length);
}

/** The build's step that rewrites the file; it fails the build if the file was not in it or its export moved. */
export function mantineTextareaFieldSizing(): Plugin {
  let rewritten = false;
  return {
    name: 'liaison-mantine-textarea-field-sizing',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!AUTOSIZE_FILE.test(id)) return null;
      rewritten = true;
      try {
        return rewriteAutosize(readFileSync(id, 'utf8'));
      } catch (error) {
        this.error(`${(error as Error).message}: ${id}; see build/mantineTextareaFieldSizing.ts`);
      }
    },
    buildEnd(error) {
      if (!error && !rewritten) this.error(`mantine-textarea-field-sizing: ${AUTOSIZE_FILE.source} was not in the build; see build/mantineTextareaFieldSizing.ts`);
    },
  };
}
