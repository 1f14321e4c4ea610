import type { Estimate } from './evaluate.js';

export interface ChartSeries {
  label: string;
  color: string;
  dashed?: boolean;
  /** Thicker, drawn last (on top). */
  emphasis?: boolean;
  /** One point per x value, in order. */
  points: Estimate[];
}

export interface ChartPanel {
  title: string;
  series: ChartSeries[];
}

/**
 * Small multiples as a plain SVG: one panel per (deck, budget), recall on the day (0-100 %)
 * against days to the interview (categorical x: the simulated values), one line per policy with
 * its 95 % interval as a tick. Colours are from the Okabe-Ito palette (distinguishable with
 * colour-blindness); text, axes and grid follow the viewer's light or dark scheme.
 */
export function recallChart({
  title,
  subtitle,
  xLabel,
  yLabel,
  xValues,
  panels,
  columns,
}: {
  title: string;
  subtitle: string;
  xLabel: string;
  yLabel: string;
  xValues: readonly number[];
  panels: readonly ChartPanel[];
  columns: number;
}): string {
  const panelWidth = 300;
  const panelHeight = 220;
  const margin = { left: 70, top: 140, right: 20, bottom: 60 };
  const gapX = 40;
  const gapY = 60;
  const rows = Math.ceil(panels.length / columns);
  const width = margin.left + columns * panelWidth + (columns - 1) * gapX + margin.right;
  const height = margin.top + rows * panelHeight + (rows - 1) * gapY + margin.bottom;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escape(title)}</title>`,
    `<desc id="chart-desc">${escape(subtitle)}</desc>`,
    '<style>',
    '.ink { fill: #1f2328; } .muted { fill: #59636e; } .axis { stroke: #59636e; } .grid { stroke: #d1d9e0; }',
    '@media (prefers-color-scheme: dark) { .ink { fill: #e6edf3; } .muted { fill: #9198a1; } .axis { stroke: #9198a1; } .grid { stroke: #3d444d; } }',
    '</style>',
    `<text class="ink" x="${margin.left}" y="30" font-size="20" font-weight="600">${escape(title)}</text>`,
    `<text class="muted" x="${margin.left}" y="52" font-size="13">${escape(subtitle)}</text>`,
  );
  // Legend, across the top.
  const series = panels[0]?.series ?? [];
  let legendX = margin.left;
  let legendY = 80;
  for (const s of series) {
    const itemWidth = 34 + s.label.length * 6.6;
    if (legendX + itemWidth > width - margin.right) {
      legendX = margin.left;
      legendY += 20;
    }
    out.push(
      `<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 24}" y2="${legendY - 4}" stroke="${s.color}" stroke-width="${s.emphasis ? 4 : 2.5}"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
      `<text class="ink" x="${legendX + 30}" y="${legendY}" font-size="12">${escape(s.label)}</text>`,
    );
    legendX += itemWidth + 14;
  }
  panels.forEach((panel, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const x0 = margin.left + column * (panelWidth + gapX);
    const y0 = margin.top + row * (panelHeight + gapY);
    const xAt = (i: number): number => x0 + 20 + (i * (panelWidth - 40)) / Math.max(1, xValues.length - 1);
    const yAt = (v: number): number => y0 + panelHeight - v * panelHeight;
    out.push(
      `<text class="ink" x="${x0 + panelWidth / 2}" y="${y0 - 10}" font-size="13" font-weight="600" text-anchor="middle">${escape(panel.title)}</text>`,
    );
    for (let tick = 0; tick <= 100; tick += 20) {
      const y = yAt(tick / 100);
      out.push(
        `<line class="grid" x1="${x0}" y1="${y}" x2="${x0 + panelWidth}" y2="${y}" stroke-width="1"/>`,
        column === 0
          ? `<text class="muted" x="${x0 - 8}" y="${y + 4}" font-size="11" text-anchor="end">${tick} %</text>`
          : '',
      );
    }
    out.push(
      `<line class="axis" x1="${x0}" y1="${y0 + panelHeight}" x2="${x0 + panelWidth}" y2="${y0 + panelHeight}" stroke-width="1"/>`,
      `<line class="axis" x1="${x0}" y1="${y0}" x2="${x0}" y2="${y0 + panelHeight}" stroke-width="1"/>`,
    );
    xValues.forEach((x, i) =>
      out.push(
        `<text class="muted" x="${xAt(i)}" y="${y0 + panelHeight + 18}" font-size="11" text-anchor="middle">${x}</text>`,
      ),
    );
    // Lines that coincide hide each other: the first listed is drawn last (on top), the emphasised one above all.
    const ordered = [...panel.series.filter((s) => !s.emphasis).reverse(), ...panel.series.filter((s) => s.emphasis)];
    for (const s of ordered) {
      const path = s.points
        .map((p, i) => `${i === 0 ? 'M' : 'L'}${xAt(i).toFixed(1)},${yAt(p.mean).toFixed(1)}`)
        .join(' ');
      out.push(
        `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="${s.emphasis ? 3.5 : 2}"${s.dashed ? ' stroke-dasharray="5 4"' : ''} stroke-linejoin="round"/>`,
      );
      s.points.forEach((p, i) =>
        out.push(
          `<line x1="${xAt(i).toFixed(1)}" y1="${yAt(p.low).toFixed(1)}" x2="${xAt(i).toFixed(1)}" y2="${yAt(p.high).toFixed(1)}" stroke="${s.color}" stroke-width="1.5"/>`,
          `<circle cx="${xAt(i).toFixed(1)}" cy="${yAt(p.mean).toFixed(1)}" r="${s.emphasis ? 3.5 : 2.5}" fill="${s.color}"/>`,
        ),
      );
    }
  });
  const bottom = margin.top + rows * panelHeight + (rows - 1) * gapY;
  out.push(
    `<text class="ink" x="${margin.left + (width - margin.left - margin.right) / 2}" y="${bottom + 45}" font-size="13" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text class="ink" transform="translate(20 ${margin.top + (bottom - margin.top) / 2}) rotate(-90)" font-size="13" text-anchor="middle">${escape(yLabel)}</text>`,
    '</svg>',
  );
  return out.filter((line) => line !== '').join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
