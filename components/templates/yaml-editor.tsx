"use client";

import { yaml } from "@codemirror/lang-yaml";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState, type Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import type { TemplateProblemView } from "@/lib/templates/schema";

/** A problem's place in the document: from its column to the end of its line (the server's parser counts from 1). */
function toDiagnostic(doc: Text, p: TemplateProblemView): Diagnostic {
  const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
  return { from: from === line.to ? line.from : from, to: line.to, severity: "error", message: `${p.field}: ${p.message}` };
}

/**
 * CodeMirror 6 with YAML highlighting. The problems come from the server (the labs' own parser,
 * POST /api/v1/templates/validate), so the editor and a save never disagree; each is marked at its
 * line, in the gutter and under the text.
 */
export function YamlEditor({ value, onChange, problems, label }: { value: string; onChange: (text: string) => void; problems: TemplateProblemView[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once; later values arrive through the effect below.
  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // A new value from outside (another template picked): replace the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v)
      v.dispatch(
        setDiagnostics(
          v.state,
          problems.map((p) => toDiagnostic(v.state.doc, p)),
        ),
      );
  }, [problems]);

  return <div ref={host} data-testid="yaml-editor" className="overflow-hidden rounded-lg text-sm ring-1 ring-slate-300 [&_.cm-editor]:max-h-[32rem] [&_.cm-scroller]:font-mono" />;
}
