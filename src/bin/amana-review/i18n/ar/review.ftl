## amana-review: كل رسالة يعرضها البرنامج على المحقق. ترجمة يجب أن يراجعها متحدث أصلي قبل
## أي تشغيل فعلي (انظر docs/translations.md).
## المصطلحات: desk = الجهة؛ drop = المنصة؛ bundle = الحزمة؛ envelope = الظرف؛
## case = القضية؛ folder = المجلد؛ passphrase = عبارة المرور؛ fingerprint = البصمة.
## الوسائط النصية (المسارات، المعرِّفات، التواريخ، الخيارات) تُحاط تلقائيًّا بعلامتَي العزل
## U+2068 و U+2069. البصمة والأوامر المطلوب نسخها تُكتب وحدها على سطر مستقل ودون علامات.

## أي إخفاق
error = خطأ: { $message }
internal-error = خطأ داخلي: { $detail }
io-error = { $kind ->
        [no-terminal] لا توجد طرفية لطلب عبارة المرور: يُرجى استخدام الخيار { $option }
        [not-found] الملف أو المجلد غير موجود
        [permission-denied] رُفض الوصول (الصلاحيات غير كافية)
        [already-exists] الملف موجود مسبقًا
        [storage-full] القرص ممتلئ
        [quota-exceeded] بلغت الحصة المسموح بها من مساحة القرص حدّها
        [read-only] وسيط التخزين مخصص للقراءة فقط
        [is-a-directory] هذا مجلد وليس ملفًّا
        [not-a-directory] أحد مكوّنات المسار ليس مجلدًا
        [unexpected-eof] ينتهي الملف قبل نهايته المتوقعة (الملف مبتور)
       *[other] خطأ من النظام: { $os }
    }
path-error = { $path }: { $reason }

## عبارات المرور
passphrase-new = عبارة المرور لمفتاح الجهة الجديد:
passphrase-repeat = يُرجى إدخال عبارة المرور مرة أخرى:
passphrase-for = عبارة المرور للملف { $path }:
passphrases-differ = عبارتا المرور المُدخلتان غير متطابقتين
passphrase-too-short = عبارة المرور قصيرة جدًّا (8 أحرف على الأقل، ويُستحسن اختيار عبارة طويلة)

## keygen
key-exists = الملف { $path } موجود مسبقًا؛ لا يُكتب فوق مفتاح موجود أبدًا
keygen-desk = الجهة { $desk }:
keygen-secret-file = ملف المفتاح السري: { $path } (يبقى على هذا الجهاز، مع الاحتفاظ بنسخة احتياطية منه)
keygen-public-file = الملف العام: { $path } (يُنسخ إلى مجلد keys في المنصة)
keygen-recipient-id = معرِّف مفتاح التشفير: { $id }
keygen-signing-id = معرِّف مفتاح التوقيع: { $id }

## منصة تظهر لأول مرة
trust-new-drop = وُقِّعت هذه الحزمة من منصة لم يتعامل معها هذا الجهاز من قبل.
trust-fingerprint-is = بصمتها هي:
trust-compare =
    يُرجى مقارنتها، حرفًا حرفًا، بالبصمة التي عرضتها المنصة عند تشغيلها لأول مرة.
    يُرجى كتابة «نعم» للوثوق بهذه المنصة من الآن فصاعدًا:
trust-yes = نعم

## open
open-signed-by =
    الحزمة موقَّعة من المنصة ذات البصمة:
    { $fingerprint }
open-counts = الظروف المدرجة: { $listed }؛ المفتوحة الآن: { $opened }؛ المفتوحة سابقًا: { $before }؛ الموجَّهة إلى جهات أخرى: { $other }.
open-case = القضية { $case }  { $dir }  (عدد المرفقات: { $attachments })
open-other-desk = الجهة { $desk }: عدد الظروف { $count }، بقيت مختومة دون فتح
open-missing-bundles = تحذير: الحزم من { $first } إلى { $last } الخاصة بالجهة { $desk } لم تصل قط إلى هذا الجهاز (حُجبت أو ضاعت): يُرجى مراجعة المسؤول عن تشغيل المنصة.
open-unknown-key = إنذار: الظرف { $file } موجَّه إلى الجهة { $desk } لكنه مشفَّر بمفاتيح لا تملكها هذه الجهة. ربما استُبدل ملف المفاتيح في المنصة: يُرجى التوقف عن استخدام المنصة وفحص مجلد keys فيها.
open-wrong-key = هذا المفتاح لا يفتح أيًّا من ظروف هذه الحزمة.
progress-decimal-mark = ,
progress-size = { $n } { $unit ->
        [b] بايت
        [kib] كيلوبايت
        [mib] ميغابايت
        [gib] غيغابايت
       *[tib] تيرابايت
    }
progress-left = المتبقي { $n } { $unit ->
        [s] ث
        [m] د
       *[h] س
    }

## عناوين الجداول (list و cases)
col-case = القضية
col-desk = الجهة
col-messages = الرسائل
col-first = أول رسالة
col-latest = آخر رسالة
col-arrived = الوصول
col-status = الحالة
col-msgs = الرسائل
col-replies = الردود
col-acknowledgment = الإشعار بالاستلام
col-feedback = الإفادة بالمتابعة

## list و show
list-empty = لا توجد قضايا في { $dir }.
show-case-error = القضية { $case }: { $reason }
show-bad-case-id = يتكوّن معرِّف القضية من أرقام ست عشرية (انظر الأمر { $command })
show-case = القضية { $case }: عدد الرسائل { $count }
show-envelope = { $day }  { $kind }  الجهة { $desk }  { $channel }  الظرف { $id }
kind-report = بلاغ
kind-follow-up = متابعة
channel-web = عبر الويب
channel-phone = عبر الهاتف
channel-counter = حضوريًّا لدى الشبّاك
channel-post = عبر البريد
show-folder = المجلد: { $dir }
show-message = الرسالة: { $size } بايت، sha256 { $sha256 }
show-contact = بيانات الاتصال: مقدَّمة (contact.txt)
show-attachment = المرفق { $name }: { $size } بايت، { $media_type }، sha256 { $sha256 }
show-sent-as = (أُرسل باسم «{ $name }»)

## reply
reply-too-long = يجب ألا يتجاوز عدد أحرف الرد { $max }
reply-needs-reason = إغلاق القضية أو إحالتها يستلزم الخيار { $option } (يطّلع المبلِّغ على السبب)
reply-needs-referred-to = إحالة القضية تستلزم الخيار { $option }
reply-no-signing-key = لا يتضمن هذا المفتاح مفتاح توقيع: تُوقَّع الردود بمفتاح الجهة الذي يُنشئه الأمر { $tool }
reply-no-desk = هذا المفتاح لا يحدد أي جهة
reply-no-case = لا توجد القضية { $case } في سجل القضايا: يُرجى أولًا فتح الحزمة التي تتضمنها
reply-bad-recipient = مفتاح الرد الخاص بالقضية غير سليم
reply-other-bundle = { $path }: { $reason } (يُرجى كتابة الردود الموجَّهة إلى منصة أخرى أو جهة أخرى في ملف آخر)
reply-added = أُضيف الرد { $id } (رقم { $number }) على القضية { $case } إلى { $path }؛ عدد الردود في الحزمة: { $replies }؛ عدد الظروف المؤكَّد استلامها: { $acknowledged }.
reply-carry =
    يُرجى نقل هذا الملف إلى المنصة وتشغيل الأمر التالي عليها:
    { $command }

## cases
status-received = مستلمة
status-in-review = قيد الدراسة
status-referred = محالة
status-closed = مغلقة
due-met = أُنجز في { $day }
due-due = يستحق في { $day }
due-overdue = متجاوز الأجل منذ { $day }
due-none = -
cases-unknown-regime = نظام آجال غير معروف { $regime }: يُرجى استخدام { $first } أو { $second }
cases-bad-today = الخيار { $option } يتطلب تاريخًا بالصيغة YYYY-MM-DD
cases-empty = لا توجد قضايا في السجل بعد.
cases-overdue = عدد الآجال المتجاوزة: { $count }.

## أخطاء المكتبة
error-wrong-passphrase = عبارة المرور غير صحيحة
error-key-line = السطر { $line }: { $reason }
error-no-recipients = لا يتضمن الملف أي مستلم age (سطر يبدأ بـ age1)
error-bad-desk-name = يتكوّن اسم الجهة من 1 إلى 64 حرفًا: أحرف لاتينية صغيرة وأرقام وشرطات
error-excessive-work = يطلب ملف المفتاح قدرًا مفرطًا من الحساب (معامل scrypt يساوي { $log })؛ لذا رُفض
error-not-an-identity = هذا ليس ملف مفتاح سري: { $reason }
error-no-identity = لا يتضمن ملف المفتاح أي مفتاح سري age (سطر يبدأ بـ AGE-SECRET-KEY-1)
error-bundle-malformed = هذا الملف ليس حزمة أمانة صالحة: { $detail }
error-bundle-signature = توقيع الحزمة غير صالح: عُدِّلت الحزمة بعد أن وقّعتها المنصة
error-bundle-truncated = الحزمة مبتورة: عدد الظروف المدرجة فيها { $listed }، والناقص منها { $missing }
error-bundle-tampered = جرى العبث بالحزمة: { $detail }
error-envelope-changed = تغيّر الظرف { $file } في المنصة بعد ختمه
error-bad-envelope = الظرف { $file } تالف: { $reason }
error-untrusted-drop =
    هذه الحزمة صادرة عن منصة لا يثق بها هذا الجهاز بعد. بصمتها:
    { $fingerprint }
    يُرجى مقارنة هذه البصمة بالبصمة التي عرضتها المنصة عند تشغيلها لأول مرة، ثم إعادة تشغيل الأمر مع الخيار:
    --trust-drop "{ $fingerprint }"
error-replayed = حزمة مُعادة: الحزمة رقم { $got } الخاصة بالجهة { $desk } ليست أحدث من الحزمة رقم { $last } التي فُتحت هنا من قبل. لم يُفتح أي شيء
error-output = تعذّرت كتابة النتائج في { $path }: { $reason }. لم يُترك أي ملف مكتوب جزئيًّا
error-state = ملفات حالة أداة المراجعة في { $path }: { $reason }
error-replies-malformed = هذا الملف ليس حزمة ردود صالحة: { $detail }
error-replies-unknown-desk = حزمة الردود موجَّهة إلى الجهة { $desk } التي لا وجود لها في هذه المنصة
error-replies-no-signing-key = لا تملك الجهة { $desk } مفتاح توقيع مطابقًا لهذه الحزمة
error-replies-signature = توقيع حزمة الردود غير صالح: عُدِّلت أو وقّعها مفتاح آخر
error-replies-wrong-drop = أُعدّت حزمة الردود لمنصة أخرى
error-replies-tampered = جرى العبث بحزمة الردود: { $detail }
error-replies-undecryptable = لا يُفتح الرد بهذا المفتاح
