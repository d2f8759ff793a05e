/* Reconnect's chat page: mounts the rasa-webchat widget with the settings the server
   put into #coach-config (the Rasa server's socket URL). No inline script: the page's
   Content-Security-Policy only runs scripts from this server. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("coach-config").textContent);

  window.WebChat.default({
    socketUrl: config.socketUrl,
    socketPath: config.socketPath,
    // The coach says hello first when the chat opens for the first time.
    initPayload: "/greet",
    title: "Reconnect",
    subtitle: "Your relationship coach",
    inputTextFieldHint: "Type a message…",
    connectingText: "Connecting…",
    // sessionStorage: a reload keeps the conversation; closing the tab forgets it here.
    params: { storage: "session" },
    showFullScreenButton: false,
    // A close button in the header: on a desktop the launcher hides while the chat is
    // open (app.css), so the conversation can use the window's height.
    showCloseButton: true,
    displayUnreadCount: false,
    showMessageDate: false,
    hideWhenNotConnected: false,
    customMessageDelay: function (message) {
      return Math.min(900, 250 + 8 * message.length);
    },
    mainColor: "#2f6b62",
    userBackgroundColor: "#2f6b62",
    userTextColor: "#ffffff",
    assistBackgoundColor: "#f1ece4",
    assistTextColor: "#2b2b2b"
  });

  var start = document.getElementById("start-chat");
  if (start) {
    start.addEventListener("click", function () {
      var launcher = document.querySelector(".rw-launcher");
      if (launcher && !document.querySelector(".rw-conversation-container")) {
        launcher.click();
      }
      var input = document.querySelector(".rw-new-message");
      if (input) { input.focus(); }
    });
  }
})();
