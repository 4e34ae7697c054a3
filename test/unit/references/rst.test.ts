import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { find, only, sources } from './helpers';

describe('reStructuredText references', () => {
  it('finds image directives with their options', () => {
    const text = 'Title\n=====\n\n.. image:: img/hero.png\n   :alt: The hero,\n      on a hill\n   :width: 400px\n   :height: 300\n   :align: center\n\nText.\n';
    const reference = only('restructuredtext', text, 'docs/index.rst');
    assert.equal(text.slice(reference.range.start.offset, reference.range.end.offset), '.. image:: img/hero.png\n   :alt: The hero,\n      on a hill\n   :width: 400px\n   :height: 300\n   :align: center');
    assert.deepEqual([reference.path, reference.alt, reference.width, reference.height], ['docs/img/hero.png', 'The hero, on a hill', 400, 300]);
  });

  it('takes a figure\'s caption as its title, and reads / from the source root', () => {
    const reference = only('restructuredtext', '.. figure:: /img/fig.jpg\n   :figwidth: 50%\n\n   The caption\n   of the figure.\n\n   The legend.\n', 'docs/a/b.rst');
    assert.deepEqual([reference.path, reference.title, reference.prompt], ['img/fig.jpg', 'The caption of the figure.', 'The caption of the figure.']);
  });

  it('finds substitution definitions, nested directives and continued arguments, not decoding %', () => {
    const text = '.. |logo| image:: logo.webp\n\n.. note::\n\n   .. IMAGE:: in-note.png\n\n.. image:: a-very-long-\n   name%20x.png\n';
    assert.deepEqual(sources('restructuredtext', text), ['.. |logo| image:: logo.webp', '.. IMAGE:: in-note.png', '.. image:: a-very-long-\n   name%20x.png']);
    assert.equal(find('restructuredtext', text)[2]?.path, 'docs/a-very-long-name%20x.png');
  });

  it('reads whitespace in the path as docutils does: dropped unless escaped', () => {
    assert.equal(only('restructuredtext', '.. image:: my\\ pic .png').path, 'docs/my pic.png');
  });

  it('leaves literal blocks, code directives and comments alone', () => {
    const text = [
      'Example::',
      '',
      '    .. image:: literal.png',
      '',
      '.. code-block:: rst',
      '',
      '   .. image:: code.png',
      '',
      '..',
      '   .. image:: comment-body.png',
      '',
      '.. image without the double colon: comment.png',
      '',
      'After.',
    ].join('\n');
    assert.deepEqual(find('restructuredtext', text), []);
  });
});
