// Draws a PDF's pages from memory with pdf.js: the bytes never reach a file, and no other
// program opens them. Loaded only when a PDF is first viewed, so the rest of the app starts
// without it.

export interface DrawnPage {
  canvas: HTMLCanvasElement;
  number: number;
}

/** Each page of the PDF in `bytes` drawn on a canvas of its own, at `scale`. */
export async function drawPdf(bytes: Uint8Array, scale = 1.4): Promise<DrawnPage[]> {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // The fonts a PDF names but does not carry come from the system's: nothing is fetched.
  const task = pdfjs.getDocument({ data: bytes, useSystemFonts: true });
  try {
    const doc = await task.promise;
    const pages: DrawnPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport }).promise;
      pages.push({ canvas, number });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
