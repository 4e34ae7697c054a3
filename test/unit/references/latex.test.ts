import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { find, only, sources } from './helpers';

describe('LaTeX references', () => {
  it('finds \\includegraphics with its figure\'s caption, options and size', () => {
    const text = [
      '\\begin{figure}[htbp]',
      '  \\centering',
      '  \\includegraphics[width=4in, height=3in]{figures/fox.png}',
      '  \\caption[Short]{A \\emph{red} fox~in the snow\\label{fig:fox}}',
      '\\end{figure}',
    ].join('\n');
    const reference = only('latex', text, 'thesis/chapter.tex');
    assert.equal(text.slice(reference.range.start.offset, reference.range.end.offset), '\\includegraphics[width=4in, height=3in]{figures/fox.png}');
    assert.deepEqual([reference.path, reference.title, reference.width, reference.height, reference.prompt], ['thesis/figures/fox.png', 'A red fox in the snow', 384, 288, 'A red fox in the snow']);
  });

  it('gives each subfigure its own caption, and an image outside figures none', () => {
    const text = [
      '\\includegraphics{loose.png}',
      '\\begin{figure}',
      '  \\begin{subfigure}{0.5\\textwidth}\\includegraphics{a.png}\\caption{Left}\\end{subfigure}',
      '  \\begin{subfigure}{0.5\\textwidth}\\includegraphics{b.png}\\caption{Right}\\end{subfigure}',
      '  \\caption{Both}',
      '\\end{figure}',
    ].join('\n');
    assert.deepEqual(find('latex', text).map((r) => [r.target, r.title]), [['loose.png', undefined], ['a.png', 'Left'], ['b.png', 'Right']]);
  });

  it('reads the starred form and alt text, and ignores relative widths', () => {
    const reference = only('latex', '\\includegraphics*[alt={A cat, sitting}, width=0.5\\linewidth]{cat.jpg}');
    assert.deepEqual([reference.alt, reference.width], ['A cat, sitting', undefined]);
  });

  it('leaves comments, verbatim, \\verb and macro paths alone', () => {
    const text = [
      '% \\includegraphics{comment.png}',
      '100\\% sure \\includegraphics{after-escaped-percent.png}',
      '\\begin{verbatim}',
      '\\includegraphics{verbatim.png}',
      '\\end{verbatim}',
      '\\begin{lstlisting}\\includegraphics{listing.png}\\end{lstlisting}',
      '\\verb|\\includegraphics{verb.png}|',
      '\\newcommand{\\fig}[1]{\\includegraphics{#1}} \\includegraphics{\\figdir/x.png}',
    ].join('\n');
    assert.deepEqual(find('latex', text).map((r) => r.target), ['after-escaped-percent.png']);
  });

  it('reads paths literally: a leading / is the disk\'s root, a space is a space, % starts a comment', () => {
    assert.deepEqual(only('latex', '\\includegraphics{/home/me/x.png}').classification, { generatable: false, reason: 'outside-workspace' });
    assert.equal(only('latex', '\\includegraphics{my photos/a b.png}', 'main.tex').path, 'my photos/a b.png');
    assert.deepEqual(find('latex', '\\includegraphics{a%20b.png}'), []);
  });

  it('spans the whole command, spaces between arguments included', () => {
    assert.deepEqual(sources('tex', 'x \\includegraphics [scale=2] {a.png} y'), ['\\includegraphics [scale=2] {a.png}']);
  });
});
