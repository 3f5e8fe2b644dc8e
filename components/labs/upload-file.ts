import type { ApiError, ApiResult } from "@/components/api-client";
import type { FileRoot } from "@/lib/labs/lab-paths";
import type { UploadedView } from "@/lib/labs/workspace-schema";

/** Where a lab file lives: its root and its path under it ("" is the root). */
export interface LabLocation {
  root: FileRoot;
  path: string;
}

export function filesUrl(labId: string, kind: "" | "/content" | "/download", at: LabLocation): string {
  return `/api/v1/labs/${labId}/files${kind}?${new URLSearchParams({ root: at.root, path: at.path })}`;
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/**
 * PUTs one file's bytes into the lab with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. Answers like apiFetch; `onProgress` gets the bytes sent so far.
 */
export function uploadFile(labId: string, at: LabLocation, body: Blob, onProgress: (sent: number, total: number) => void): Promise<ApiResult<UploadedView>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", filesUrl(labId, "", at));
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, status: xhr.status, data: json as UploadedView });
      else {
        const error: ApiError = (json as { error?: ApiError } | null)?.error ?? { code: `HTTP_${xhr.status}`, message: `The upload failed (${xhr.status}).` };
        resolve({ ok: false, status: xhr.status, error });
      }
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, error: { code: "NETWORK", message: "The upload broke off: check your connection and try again." } });
    xhr.send(body);
  });
}
