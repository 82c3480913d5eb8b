## Amana drop: every string a reporter reads. English is complete and the fallback.

drop-name = Amana secure drop
footer-tor = This page works without JavaScript. Use Tor Browser with its security level set to "Safest".
language = Language

## Home
home-title = Report wrongdoing safely
home-intro = This drop lets you send a report and files to the desks below without giving your name. Everything you send is encrypted for the desk you choose before it is stored: the people who run this server cannot read it.
home-desks = Who receives reports
home-safety = Before you start
safety-tor = Use Tor Browser, and keep using it each time you come back.
safety-device = Do not use a work computer, a work phone or a work network.
safety-code = You will get a receipt code. Keep it secret: anyone who has it can read the replies to your report.
safety-metadata = Files can carry hidden details such as author names, device names or locations. Remove them, or take a screenshot of the document instead, if they could identify you.
home-start = Start a report
home-follow-up = I already have a code: follow up

## Your code
code-title = Your receipt code
code-intro = Write this code down now, before you send anything. You will need it to see whether your report arrived, to read replies and to send more.
code-as-digits = Show it as digits instead
code-as-words = Show it as words instead
code-write-down = Write it on paper or remember it. Do not save it on a work device or in the cloud.
code-secret = Keep it secret: it is the only key to your mailbox.
code-lost = If you lose it, nobody can give it back: not even the desks.
code-continue = I have written it down: continue

## Submit
submit-title = Send your report
follow-up-title = Send another message
submit-intro = Choose the desk that should receive your report, describe what happened, and add any files.
submit-desk = Desk
submit-message = Your message
submit-contact = Contact details (optional)
submit-contact-hint = Only if you want the desk to be able to reach you outside this drop. It is encrypted like the rest of your report.
submit-files = Files (optional, several allowed)
submit-limits = At most { $files } files, { $size } in total.
submit-send = Send securely

## Sent
sent-title = Your report has arrived
sent-body = It is encrypted and stored safely. Only the desk you chose can open it.
sent-follow-up = Come back in a few days with your receipt code to read replies.
sent-mailbox = See your mailbox

## Follow up
login-title = Follow up
login-code = Your receipt code (words or digits)
login-submit = Open my mailbox
login-hint = Spaces, hyphens and capital letters do not matter.
mailbox-title = Your mailbox
mailbox-status = Status
mailbox-status-received = Received. The desk has not replied yet.
mailbox-status-empty = Nothing has arrived under this code yet.
mailbox-replies = Replies
mailbox-no-replies = No replies yet.
status-received = Received. The desk has acknowledged your report.
status-in-review = In review. The desk is looking into your report.
status-referred = Referred. The desk has passed your report to another body.
status-closed = Closed. The desk has finished with your report.
reply-reason = Reason:
reply-referred-to = Referred to:
reply-status = Status:
reply-delete = Delete this reply
reply-deleted = The reply was deleted.
mailbox-sent = What you sent
mailbox-day = Day
mailbox-desk = Desk
mailbox-files = Files
mailbox-size = Size of files
mailbox-no-contents = For your safety, the contents of what you sent are never shown here.
mailbox-send-more = Send another message
logout = Log out

## Sizes
size-bytes = { $n } bytes
size-kib = { $n } KB
size-mib = { $n } MB
size-gib = { $n } GB

## Errors
error-back = Go back
error-not-found-title = Page not found
error-not-found = There is no page at this address.
error-forbidden-title = Request refused
error-forbidden = This request did not come from this site's own pages. Go back to the start and try again.
error-session-title = Your session has ended
error-session = For your safety, sessions end after a period of inactivity or when you log out. Follow up with your receipt code to continue.
error-busy-title = Busy
error-busy = The drop is busy. Please try again in a minute.
error-too-large-title = Too large
error-too-large = What you sent is larger than this drop accepts ({ $size }). Nothing was stored. Send fewer or smaller files.
error-too-many-files-title = Too many files
error-too-many-files = You can send at most { $files } files at once. Nothing was stored. Send the rest in another message.
error-field-title = Field too long
error-field = A field was longer than this drop accepts. Nothing was stored.
error-message-long-title = Message too long
error-message-long = Your message is longer than { $chars } characters. Nothing was stored. Shorten it, or attach it as a file.
error-order-title = Request refused
error-order = The form was sent in the wrong order (files before the desk). Nothing was stored. Please use the form on this site.
error-desk-title = Unknown desk
error-desk = Please choose one of the listed desks. Nothing was stored.
error-empty-title = Nothing to send
error-empty = Write a message or attach a file. Nothing was stored.
error-timeout-title = Upload stopped
error-timeout = The upload stalled or was too slow and was stopped. Nothing was stored. Please try again.
error-disk-title = Not accepting uploads
error-disk = The drop is short of space and cannot accept uploads right now. Nothing was stored. Please try again later.
error-quota-title = Limit reached
error-quota = This receipt code has sent as much as it may. Nothing was stored.
error-code-title = Code not recognised
error-code-format = This is not a receipt code: a code has seven words or 28 digits. Check it and try again.
error-code-unknown = Nothing has arrived under this code. Check that you typed it correctly. If it is correct, nothing you sent under it arrived: start a new report.
error-bad-request-title = Request refused
error-bad-request = The request could not be understood. Nothing was stored.
error-internal-title = Something went wrong
error-internal = The drop could not finish your request. Nothing was stored. Please try again later.
