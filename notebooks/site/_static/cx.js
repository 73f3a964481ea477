// The glossary's filter box: shows only the rows whose text contains what you type
// (English, 中文, definition or lesson). Plain DOM, no library, works from file://.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("cx-glossary-filter");
  const table = document.querySelector("table.cx-glossary");
  if (!box || !table) return;
  const rows = Array.from(table.tBodies[0].rows);
  const count = document.getElementById("cx-glossary-count");
  const apply = () => {
    const q = box.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const hit = !q || row.textContent.toLowerCase().includes(q);
      row.classList.toggle("cx-hidden", !hit);
      if (hit) shown += 1;
    }
    count.textContent = q ? `${shown} of ${rows.length} terms` : `${rows.length} terms`;
  };
  box.addEventListener("input", apply);
  const q = new URLSearchParams(window.location.search).get("filter");
  if (q) box.value = q;
  apply();
});
