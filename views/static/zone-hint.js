// The time-zone step with JavaScript on: when no zone is saved yet, preselect this device's zone and say so.
// Without JavaScript the person simply chooses from the list.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[data-suggest]");
  const note = document.getElementById("zone-suggested");
  if (!select || !note || select.value) return;
  const old = { "Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv", "Asia/Saigon": "Asia/Ho_Chi_Minh" };
  let zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  zone = old[zone] || zone;
  const option = [...select.options].find((o) => o.value === zone);
  if (!option) return;
  option.selected = true;
  note.textContent = `We chose ${zone}, the time zone of this device. Change it if it is not where you live.`;
  note.hidden = false;
});
