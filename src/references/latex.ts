// \includegraphics references in LaTeX, titled by the \caption of the figure they are in. A small scanner
// of TeX's syntax: comments, \verb and verbatim-like environments hide what they contain, and environments
// are tracked so an image finds its figure's caption wherever in the figure that is written.
import { lengthToPixels } from './lengths';
import { lineEnd, matchAt, skipSpace } from './scanning';
import type { FoundReference } from './types';

const VERBATIM_ENVIRONMENTS = new Set(['verbatim', 'verbatim*', 'Verbatim', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment', 'filecontents', 'filecontents*']);
/** figure, figure*, subfigure, wrapfigure, SCfigure, sidewaysfigure… */
const isFigure = (environment: string): boolean => /figure\*?$/i.test(environment);

const COMMAND_NAME = /[a-zA-Z@]+/y;

interface Environment {
  readonly name: string;
  caption?: string;
}

export function findLatexReferences(source: string): FoundReference[] {
  const images: { reference: FoundReference; figure: Environment | undefined }[] = [];
  const environments: Environment[] = [];
  const innermostFigure = () => environments.filter((e) => isFigure(e.name)).pop();
  let i = 0;
  while (i < source.length) {
    if (source[i] === '%') i = lineEnd(source, i);
    else if (source[i] !== '\\') i++;
    else {
      const name = matchAt(COMMAND_NAME, source, i + 1);
      const afterName = i + 1 + (name.length || 1); // a control symbol (\%, \\, \{) is one character
      switch (name) {
        case 'verb':
          i = verbEnd(source, afterName);
          break;
        case 'begin':
        case 'end': {
          const environment = readGroup(source, skipSpace(source, afterName), '}');
          i = environment?.end ?? afterName;
          if (!environment) break;
          if (name === 'end') closeEnvironment(environments, environment.content);
          else if (!VERBATIM_ENVIRONMENTS.has(environment.content)) environments.push({ name: environment.content });
          else i = endOf(source, `\\end{${environment.content}}`, i);
          break;
        }
        case 'includegraphics': {
          const reference = readIncludeGraphics(source, i, afterName);
          if (reference) images.push({ reference, figure: innermostFigure() });
          i = reference?.end ?? afterName;
          break;
        }
        case 'caption': {
          const caption = readArguments(source, afterName);
          const figure = innermostFigure();
          if (caption && figure) figure.caption ??= latexText(caption.required);
          i = caption?.end ?? afterName;
          break;
        }
        default:
          i = afterName;
      }
    }
  }
  return images.map(({ reference, figure }) => ({ ...reference, title: figure?.caption }));
}

function closeEnvironment(environments: Environment[], name: string): void {
  const index = environments.map((e) => e.name).lastIndexOf(name);
  if (index >= 0) environments.length = index;
}

const endOf = (source: string, text: string, from: number): number => {
  const at = source.indexOf(text, from);
  return at < 0 ? source.length : at + text.length;
};

/** `\verb|text|` (or `\verb*`): the text runs to the next delimiter on the same line. */
function verbEnd(source: string, afterName: number): number {
  const open = source[afterName] === '*' ? afterName + 1 : afterName;
  const close = source.indexOf(source[open] ?? '', open + 1);
  const end = lineEnd(source, open + 1);
  return close >= 0 && close < end ? close + 1 : end;
}

function readIncludeGraphics(source: string, start: number, afterName: number): FoundReference | undefined {
  const args = readArguments(source, afterName);
  const target = args?.required.trim();
  // A macro or a parameter (`\figdir/x.png`, `#1`) names no file until TeX expands it.
  if (!args || !target || /[\\#]/.test(target)) return undefined;
  const options = keyValues(args.optional.at(-1) ?? '');
  const alt = options.get('alt');
  return {
    start,
    end: args.end,
    target,
    alt: alt === undefined ? undefined : latexText(alt),
    width: lengthToPixels(options.get('width')),
    height: lengthToPixels(options.get('height')),
  };
}

/** `*`, then `[optional]` arguments, then one `{required}` argument. */
function readArguments(source: string, from: number): { optional: string[]; required: string; end: number } | undefined {
  let i = source[from] === '*' ? from + 1 : from;
  const optional: string[] = [];
  for (let at = skipSpace(source, i); source[at] === '['; at = skipSpace(source, i)) {
    const group = readGroup(source, at, ']');
    if (!group) return undefined;
    optional.push(group.content);
    i = group.end;
  }
  const at = skipSpace(source, i);
  const required = source[at] === '{' ? readGroup(source, at, '}') : undefined;
  return required && { optional, required: required.content, end: required.end };
}

/** The group opened at `open` up to its `close`, braces balanced. */
function readGroup(source: string, open: number, close: '}' | ']'): { content: string; end: number } | undefined {
  let depth = 0;
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '%') i = lineEnd(source, i);
    else if (depth === 0 && c === close) return { content: source.slice(open + 1, i), end: i + 1 };
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return undefined;
  }
  return undefined;
}

/** `width=5cm, alt={A fox, red}` → width → 5cm, alt → A fox, red. */
function keyValues(options: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of options.split(/,(?![^{]*\})/)) {
    const [key, ...value] = entry.split('=');
    if (value.length) values.set(key!.trim(), value.join('=').trim().replace(/^\{([\s\S]*)\}$/, '$1'));
  }
  return values;
}

/** Caption text without its markup: `A \emph{red} fox\label{f}` → `A red fox`. */
export function latexText(tex: string): string {
  return tex
    .replace(/(?<!\\)%.*$/gm, '')
    .replace(/\\(?:label|ref|eqref|pageref|autoref|cref|Cref|cite[a-z]*)\*?(?:\[[^\]]*\])*\{[^}]*\}/g, '')
    .replace(/\\\\/g, ' ')
    .replace(/\\[a-zA-Z@]+\*?/g, '')
    .replace(/(?<!\\)~/g, ' ')
    .replace(/(?<!\\)[{}]/g, '')
    .replace(/\\([#$%&_{}~^ ])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
