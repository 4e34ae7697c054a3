// Dropping an image on the panel loads its settings, as "Reproduce Image in Generator" does. The
// extension reads them (from its history or the image's metadata) and answers with the form's values.
// A file from VS Code (Explorer, gallery) arrives as its URI; a file from the OS as a File, whose
// bytes are sent. VS Code lets a drag reach a webview only while Shift is held (else it opens the file).
import { MAX_DROPPED_BYTES } from '../src/shared/messageConstants';
import type { DroppedImage } from '../src/shared/protocol';

/** What VS Code's views put on a drag (code-server included), and the standard list other sources use. */
const CODE_URI_LIST = 'application/vnd.code.uri-list';
const URI_LIST = 'text/uri-list';

export interface DropHost {
  /** Sends the dropped image to the extension, which replies with its settings or an error. */
  readonly send: (source: DroppedImage) => void;
  /** Shows why nothing was loaded. */
  readonly refuse: (message: string) => void;
}

/** Makes the whole page a drop target, with visible styling while an image is dragged over it. */
export function installDropTarget(page: HTMLElement, host: DropHost): void {
  // dragenter/dragleave fire for every child crossed: count them so the styling does not flicker.
  let depth = 0;
  const setActive = (active: boolean): void => {
    page.classList.toggle('drop-active', active);
  };
  page.addEventListener('dragenter', (e) => {
    if (!carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    depth++;
    setActive(true);
  });
  page.addEventListener('dragover', (e) => {
    if (!carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  page.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setActive(false);
  });
  page.addEventListener('drop', (e) => {
    depth = 0;
    setActive(false);
    if (!e.dataTransfer || !carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    void readDrop(e.dataTransfer).then((source) => (typeof source === 'string' ? host.refuse(source) : host.send(source)));
  });
}

function carriesFiles(data: DataTransfer | null): boolean {
  const types = [...(data?.types ?? [])];
  return types.includes('Files') || types.includes(CODE_URI_LIST) || types.includes(URI_LIST);
}

/** The image to send, or why there is none. VS Code's own URI first: it names the file the history knows. */
async function readDrop(data: DataTransfer): Promise<DroppedImage | string> {
  const fromCode = firstUri(data.getData(CODE_URI_LIST));
  if (fromCode) return { uri: fromCode };
  const file = data.files[0];
  if (file) {
    if (file.size > MAX_DROPPED_BYTES) return `${file.name} is too large (${Math.round(file.size / 1048576)} MB): only images up to ${MAX_DROPPED_BYTES / 1048576} MB can be dropped here.`;
    return { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const uri = firstUri(data.getData(URI_LIST));
  return uri ? { uri } : 'Only image files can be dropped here.';
}

/** The first entry of a uri-list (RFC 2483: one per line, `#` lines are comments). */
function firstUri(list: string): string | undefined {
  return list.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('#'))?.slice(0, 4096);
}
