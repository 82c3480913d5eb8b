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
error-key-too-large = الملف أكبر من أن يكون ملف مفتاح (حجمه يتجاوز { $max } بايت)
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

## لماذا يُرفض سطر من ملف مفتاح (بعد «السطر N:»)
key-line-field-syntax = يجب أن يُكتب حقل amana بالصيغة `name: value`
key-line-bad-signing-key = هذا ليس مفتاح ed25519
key-line-unknown-format = إصدار صيغة غير معروف «{ $version }» (لا تقرأ هذه المنصة إلا الإصدار 1)
key-line-unknown-field = حقل غير معروف: amana-{ $field }
key-line-bad-recipient = هذا ليس مستلم age من نوع X25519 (التفاصيل: { $detail })
key-line-unexpected = يجب أن يكون السطر مستلم age (يبدأ بـ age1) أو تعليقًا (يبدأ بـ #) أو حقل amana
key-line-bad-signing-secret = هذا ليس مفتاحًا سريًّا من نوع ed25519
key-line-bad-secret-key = هذا ليس مفتاحًا سريًّا لـ age (التفاصيل: { $detail })

## لماذا لا يكون الملف ملف مفتاح سري (بعد «هذا ليس ملف مفتاح سري:»)
identity-not-text = الملف ليس ملف age وليس نصًّا
identity-unexpected-line = السطر { $line } ليس مفتاحًا سريًّا ولا تعليقًا
identity-armored = ملفات المفاتيح بصيغة ASCII المسماة armored غير مدعومة؛ يُرجى استخدام الصيغة الثنائية
identity-encrypted-to-key = الملف مشفَّر لمفتاح، وليس بعبارة مرور
identity-age = تعذّر على age قراءته (التفاصيل: { $detail })

## لماذا لا تكون الحزمة صالحة (بعد «هذا الملف ليس حزمة أمانة صالحة:»)
malformed-manifest-not-first = كان يُنتظر أن يكون الملف الأول { $manifest }
malformed-signature-not-second = كان يُنتظر أن يأتي { $signature } بعد { $manifest }
malformed-too-large = الملف { $name } كبير جدًّا
malformed-cut-in-file = تنتهي الحزمة في منتصف ملف (الحزمة مبتورة)
malformed-framing = بنية ملف tar تالفة أو مبتورة (تفاصيل المحلّل: { $detail })
malformed-dirty-padding = يحتوي حشو tar على بايتات غير صفرية
malformed-stray-blocks = توجد كتل غير متوقعة بين ملفات الحزمة
malformed-missing = تنتهي الحزمة قبل { $name }
malformed-foreign-header = ترويسة tar الخاصة بالملف { $name } ليست الترويسة التي تكتبها المنصة
malformed-end-missing = كتل نهاية الحزمة مفقودة (الحزمة مبتورة)
malformed-trailing-data = توجد بيانات بعد نهاية الحزمة
malformed-manifest-json = تعذّرت قراءة قائمة المحتويات { $manifest } (تفاصيل محلّل JSON: { $detail })
malformed-not-a-manifest = هذه ليست قائمة محتويات حزمة أمانة
malformed-unsupported-version = إصدار قائمة المحتويات { $version } غير مدعوم (تقرأ هذه الأداة الإصدار { $supported })
malformed-bad-drop-key = مفتاح المنصة ليس مفتاح ed25519
malformed-too-many-envelopes = عدد الظروف كبير جدًّا: { $count } (الحد الأقصى { $max })
malformed-bad-day = تاريخ قائمة المحتويات «{ $day }» ليس تاريخًا صالحًا
malformed-unsorted = الظروف غير مرتبة، أو أن أحدها مدرج مرتين
malformed-bad-envelope-name = اسم الظرف «{ $file }» غير صالح
malformed-no-sequence = لا يوجد رقم حزمة للجهة «{ $desk }»
malformed-bad-hash = قيمة التجزئة SHA-256 للظرف { $file } غير سليمة
malformed-bad-desk-name = اسم الجهة «{ $desk }» غير صالح
malformed-bad-envelope-file = اسم ملف الظرف { $path } غير صالح

## كيف جرى العبث بالحزمة (بعد «جرى العبث بالحزمة:»)
tampered-unlisted = الملف «{ $name }» غير مدرج في قائمة المحتويات
tampered-unexpected = كان يُنتظر { $expected } لكن وُجد مكانه «{ $found }» (أُعيد ترتيب الظروف أو استُبدل أحدها أو حُذف)
tampered-not-a-file = { $name } ليس ملفًّا عاديًّا
tampered-size = حجم { $name } هو { $actual } بايت، بينما تذكر قائمة المحتويات أن حجمه { $listed } بايت
tampered-differs = يختلف { $name } عمّا تذكره قائمة المحتويات الموقَّعة

## لماذا يُرفض الظرف (بعد «الظرف FILE تالف:»)
envelope-no-matching-key = لا يفتحه هذا المفتاح، مع أن قائمة المحتويات تذكر أنه موجَّه إليه
envelope-undecryptable = تعذّر فك تشفيره: { $reason }
envelope-contents = محتواه غير سليم: { $reason }
envelope-desk-mismatch = مختوم للجهة «{ $sealed }» لكنه مدرج للجهة «{ $listed }»

## لماذا يتعذّر فك تشفير ملف age (بعد «تعذّر فك تشفيره:»؛ وكذلك سجل القضايا)
age-passphrase = مشفَّر بعبارة مرور، وليس لمفاتيح جهة
age-header = ترويسة age غير صالحة أو جرى تعديلها
age-truncated = ينتهي ملف age قبل آخر أجزائه (الملف مبتور)
age-authentication = تعذّر التحقق من سلامة البيانات المشفَّرة: عُدِّلت أو تلفت
age-unsupported = صيغة age لا تقرؤها هذه الأداة
age-read = تعذّرت القراءة
age-detail = { $reason } (تفاصيل age: { $detail })

## لماذا يُرفض محتوى الظرف (بعد «محتواه غير سليم:»)
contents-not-a-zip = ليس أرشيف ZIP (تفاصيل قارئ ZIP: { $detail })
contents-no-metadata = سجل البيانات الوصفية { $entry } مفقود
contents-metadata-too-large = سجل البيانات الوصفية { $entry } كبير جدًّا
contents-unreadable = تتعذّر قراءة { $entry } (تفاصيل قارئ ZIP: { $detail })
contents-duplicate = يرد { $entry } مرتين في الأرشيف
contents-missing = { $entry } مفقود
contents-listed-twice = تذكر البيانات الوصفية { $entry } مرتين
contents-wrong-size = حجم { $entry } هو { $actual } بايت، بينما تذكر البيانات الوصفية أن حجمه { $recorded } بايت
contents-hash-mismatch = لا يطابق { $entry } قيمة التجزئة SHA-256 المسجَّلة في البيانات الوصفية
contents-metadata-json = تعذّرت قراءة سجل البيانات الوصفية (تفاصيل محلّل JSON: { $detail })
contents-unsupported = صيغة الظرف «{ $format }» بالإصدار { $version } غير مدعومة
contents-bad-id = معرِّف الظرف غير صالح
contents-bad-mailbox = مرجع صندوق الرسائل غير صالح
contents-bad-day = التاريخ المذكور ليس تاريخًا صالحًا
contents-bad-desk = اسم الجهة غير صالح

## ما الخلل في ملفات حالة أداة المراجعة (بعد «ملفات حالة أداة المراجعة في PATH:»)
state-damaged = الملف تالف وتتعذّر قراءته (تفاصيل محلّل JSON: { $detail })؛ يُرجى استعادته من نسخة احتياطية
state-undecryptable = تعذّر فك تشفير سجل القضايا: { $reason }؛ يُرجى استعادته من نسخة احتياطية
state-not-this-identity = لا يفتح هذا المفتاح سجل القضايا
state-seal = تعذّر ختم سجل القضايا لمفاتيح الجهة (تفاصيل age: { $detail })

## لماذا لا تكون حزمة الردود صالحة، أو كيف جرى العبث بها
replies-framing = بنية ملف tar تالفة أو مبتورة (تفاصيل المحلّل: { $detail })
replies-not-a-file = «{ $name }» ليس ملفًّا عاديًّا
replies-too-large = «{ $name }» كبير جدًّا
replies-too-many-files = عدد الردود كبير جدًّا (الحد الأقصى { $max })
replies-cut-in-file = تنتهي الحزمة في منتصف «{ $name }» (الحزمة مبتورة)
replies-misplaced = كان يُنتظر { $expected } لكن وُجد مكانه «{ $found }»
replies-no-manifest = لا تحتوي الحزمة على قائمة محتويات موقَّعة
replies-manifest-json = تعذّرت قراءة قائمة المحتويات (تفاصيل محلّل JSON: { $detail })
replies-not-replies = هذه ليست قائمة محتويات حزمة ردود أمانة
replies-unsupported-version = إصدار قائمة محتويات الردود { $version } غير مدعوم (تقرأ هذه الأداة الإصدار { $supported })
replies-too-many-entries = عدد العناصر كبير جدًّا (عدد الردود { $replies }؛ عدد الظروف المؤكَّد استلامها { $acknowledged })
replies-bad-acknowledged-id = معرِّف الظرف «{ $id }» غير صالح
replies-bad-entry = العنصر «{ $file }» غير صالح
replies-content-json = تعذّرت قراءة محتوى الرد (تفاصيل محلّل JSON: { $detail })
replies-count = عدد الردود المدرجة في قائمة المحتويات { $listed }، وعدد الردود الموجودة في الحزمة { $found }
replies-differs = يختلف { $file } عمّا تذكره قائمة المحتويات
