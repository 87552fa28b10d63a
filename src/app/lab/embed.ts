// `?embed=1`: the lab inside an iframe on a lecture slide. Only the stage and the playback
// controls are shown (the sheet is embed-print.css); no lesson picker is offered. The flag is
// `data-embed="on"` on <html>, set once from the address the frame was opened with.

export function embedRequested(search: string): boolean {
  const value = new URLSearchParams(search).get('embed');
  return value === '1' || value === 'true';
}

export function applyEmbed(on: boolean): void {
  if (on) document.documentElement.setAttribute('data-embed', 'on');
  else document.documentElement.removeAttribute('data-embed');
}
