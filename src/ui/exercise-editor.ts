/**
 * The exercise's code editor: CodeMirror 6 with line numbers and highlighting (JavaScript for the
 * four functions; the WGSL line plain). Part of the exercise's own chunk: the page's first load never
 * fetches it. Built from CodeMirror's modules rather than its `basicSetup`, whose autocompletion,
 * search, folding and lint would add 100 kB (min) to that chunk for nothing the exercise uses.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers,
} from '@codemirror/view';

export interface Editor {
  text(): string;
  setText(text: string): void;
  /** Put the cursor at the start of a 1-based line and scroll it into view (an error's line). */
  goToLine(line: number): void;
}

export function makeEditor(parent: HTMLElement, doc: string, o: { language: 'javascript' | 'plain'; label: string; onChange: (text: string) => void }): Editor {
  const view = new EditorView({
    parent,
    doc,
    extensions: [
      lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(), indentOnInput(),
      syntaxHighlighting(defaultHighlightStyle), bracketMatching(), highlightActiveLine(),
      // Tab is left to move the focus (keyboard users can leave the editor); Enter indents
      keymap.of([...defaultKeymap, ...historyKeymap]),
      ...(o.language === 'javascript' ? [javascriptLanguage] : []),
      // long lines wrap and the editor grows with its text: no scrolling region inside the page (a phone
      // reads the code without sideways scrolling, and axe's scrollable-region rule holds)
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': o.label }),
      EditorView.updateListener.of((u) => { if (u.docChanged) o.onChange(u.state.doc.toString()); }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    goToLine: (line) => {
      const doc = view.state.doc;
      const at = doc.line(Math.min(Math.max(1, line), doc.lines)).from;
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}
