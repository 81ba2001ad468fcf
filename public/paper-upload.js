// The paper form posts by itself without this script; with it, the phone
// shows how much of the file has gone, and where the server sent it after.
(function () {
  var form = document.querySelector('form[data-progress]');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var box = document.getElementById(form.getAttribute('data-progress'));
  var bar = box && box.querySelector('progress');
  var status = box && box.querySelector('[role=status]');
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (e) {
    if (!form.checkValidity()) return;
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'text/html');
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable && bar) bar.value = Math.round((ev.loaded * 100) / ev.total);
    };
    var failed = function () {
      if (status) status.textContent = form.getAttribute('data-failed');
      if (button) button.disabled = false;
    };
    // The server answers with a redirect to the page, with the receipt or
    // the reason; anything else (the connection cut, a proxy's refusal)
    // says the upload failed.
    xhr.onload = function () {
      if (xhr.status === 200 && xhr.responseURL) window.location.href = xhr.responseURL;
      else failed();
    };
    xhr.onerror = failed;
    if (box) box.hidden = false;
    if (button) button.disabled = true;
    xhr.send(new FormData(form));
  });
})();
