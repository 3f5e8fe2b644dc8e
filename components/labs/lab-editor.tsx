"use client";

import { useEffect, useRef } from "react";

/**
 * A CodeMirror 6 editor for one text file: `onChange` gets the text as it is edited, Mod-S calls
 * `onSave`. Loaded in the browser only (the lab page renders it after a file is opened).
 */
export function LabEditor({
  initial,
  readOnly,
  onChange,
  onSave,
  label,
}: {
  initial: string;
  readOnly: boolean;
  onChange: (text: string) => void;
  onSave: () => void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onChange, onSave });
  callbacks.current = { onChange, onSave };

  useEffect(() => {
    let destroyed = false;
    let destroy: (() => void) | undefined;
    void (async () => {
      const [{ basicSetup, EditorView }, { EditorState }, { keymap }] = await Promise.all([import("codemirror"), import("@codemirror/state"), import("@codemirror/view")]);
      if (destroyed || !host.current) return;
      const view = new EditorView({
        parent: host.current,
        state: EditorState.create({
          doc: initial,
          extensions: [
            keymap.of([
              {
                key: "Mod-s",
                preventDefault: true,
                run: () => {
                  callbacks.current.onSave();
                  return true;
                },
              },
            ]),
            basicSetup,
            EditorState.readOnly.of(readOnly),
            EditorView.editable.of(!readOnly),
            EditorView.contentAttributes.of({ "aria-label": label }),
            EditorView.updateListener.of((u) => {
              if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
            }),
            EditorView.theme({ "&": { maxHeight: "24rem", fontSize: "13px" }, ".cm-scroller": { overflow: "auto" } }),
          ],
        }),
      });
      destroy = () => view.destroy();
    })();
    return () => {
      destroyed = true;
      destroy?.();
    };
  }, [initial, readOnly, label]);

  return <div ref={host} data-testid="lab-editor" className="overflow-hidden rounded-lg ring-1 ring-slate-300" />;
}
