## amana-drop: كل رسالة يعرضها البرنامج على المسؤول عن تشغيل المنصة. ترجمة يجب أن يراجعها
## متحدث أصلي قبل أي تشغيل فعلي (انظر docs/translations.md).
## المصطلحات: desk = الجهة؛ drop = المنصة؛ bundle = الحزمة؛ envelope = الظرف؛
## folder = المجلد؛ fingerprint = البصمة؛ key (في ملف الإعدادات) = الإعداد؛ table = القسم.
## الوسائط النصية (المسارات، الإعدادات، القيم) تُحاط تلقائيًّا بعلامتَي العزل U+2068 و U+2069.
## البصمة والعناوين والأوامر المطلوب نسخها تُكتب وحدها على سطر مستقل ودون علامات.
## سجلات التشغيل (AMANA_LOG) تبقى بالإنجليزية.

## أي إخفاق
error = خطأ في amana-drop: { $message }
io-error = { $kind ->
        [not-found] الملف أو المجلد غير موجود
        [permission-denied] رُفض الوصول (الصلاحيات غير كافية)
        [already-exists] الملف موجود مسبقًا
        [storage-full] القرص ممتلئ
        [quota-exceeded] بلغت الحصة المسموح بها من مساحة القرص حدّها
        [read-only] وسيط التخزين مخصص للقراءة فقط
        [is-a-directory] هذا مجلد وليس ملفًّا
        [not-a-directory] أحد مكوّنات المسار ليس مجلدًا
        [unexpected-eof] ينتهي الملف قبل نهايته المتوقعة (الملف مبتور)
       *[other] { $os }
    }
path-error = { $path }: { $reason }
cannot-start = تعذّر بدء التشغيل: { $reason }

## ملف الإعدادات
config-unreadable = تعذّرت قراءة ملف الإعدادات { $path }: { $reason }
config-invalid-at = ملف الإعدادات { $path } غير صالح في السطر { $line }، العمود { $column }: { $problem }
config-invalid = ملف الإعدادات { $path } غير صالح: { $problem }
config-invalid-values = الإعدادات غير صالحة: { $problem }
problem-syntax = النص ليس بصيغة TOML صالحة (تفاصيل المحلّل: { $detail })
problem-unknown-key = إعداد غير معروف { $key }
problem-unknown-key-in = إعداد غير معروف { $key } في القسم { $table }
problem-allowed-keys = { $problem }؛ الإعدادات المقبولة في هذا الموضع هي: { $keys }
problem-missing-key = الإعداد { $key } مفقود
problem-missing-key-in = الإعداد { $key } مفقود من القسم { $table }
problem-bad-value = القيمة { $value } للإعداد { $key } مرفوضة: { $detail }
problem-bad-value-no-key = القيمة { $value } مرفوضة: { $detail }
problem-unknown-language = اللغة الافتراضية (default_language) { $value } غير متاحة في المنصة؛ يُرجى اختيار إحدى اللغات التالية: { $offered }
problem-weak-kdf = { $key }: يتطلب اشتقاق المفاتيح ذاكرةً لا تقل عن { $memory } كيلوبايت وعددَ تمريرات لا يقل عن { $passes }، مع درجة توازٍ يقبلها Argon2
problem-zero-limit = يجب أن تكون قيمة { $key } أكبر من الصفر

## الجهات والأسرار ومجلد البيانات
keys-folder-unreadable = تعذّرت قراءة مجلد المفاتيح { $path }: { $reason }
desk-file-unreadable = تعذّرت قراءة ملف مفتاح الجهة { $path }: { $reason }
desk-file-line = ملف مفتاح الجهة { $path } غير صالح في السطر { $line }: { $reason }
desk-file-no-recipient = لا يتضمن ملف مفتاح الجهة { $path } أي مستلم age (سطر يبدأ بـ age1)
desk-file-bad-name = اسم الجهة في ملف المفتاح { $path } غير صالح: يتكوّن اسم الجهة من 1 إلى 64 حرفًا (أحرف لاتينية صغيرة وأرقام وشرطات)
desk-file-too-large = ملف مفتاح الجهة { $path } أكبر من أن يكون ملف مفتاح (حجمه يتجاوز { $max } بايت)
desk-file-not-public = ملف مفتاح الجهة { $path } ليس ملفًّا عامًّا لجهة
desk-file-mismatch = ملف مفتاح الجهة { $path } يخص الجهة { $in_file }، بينما تذكر الإعدادات الجهة { $configured }
no-desks = لا توجد أي جهة: يُرجى وضع ملف NAME.pub الخاص بجهة في المجلد { $path } أو ذكر الجهات في ملف الإعدادات
demo-not-loopback = المفتاح السري للجهة التجريبية منشور للعموم: لذا ترفض المنصة تشغيلها على العنوان { $addr }. يُرجى الاستماع على 127.0.0.1، أو استبدال keys/demo.pub بمفاتيح جهاتكم
secrets-error = أسرار المنصة في { $path }: { $reason }
data-folder-error = مجلد البيانات { $path }: { $reason }
data-folder-in-use = تعذّر فتح مجلد البيانات { $path }: { $reason }. هل تعمل عليه منصة دون مقبس الإدارة الخاص بها؟
store-database = أخفقت قاعدة بيانات السجلات: { $detail }
store-damaged = أحد السجلات المخزَّنة تالف: { $detail }
store-refused = رفض صندوق الرسائل الرسالة
damage-mailbox = سجل أحد صناديق الرسائل تالف أو يخص صندوق رسائل آخر
damage-note-tag-taken = توجد مسبقًا ملاحظة إرسال بهذا الوسم
damage-envelope-id = معرِّف سجل أحد الظروف ليس نصًّا
damage-envelope-record = تعذّرت قراءة سجل أحد الظروف (تفاصيل محلّل JSON: { $detail })
damage-sequence = رقم الحزمة الخاص بالجهة «{ $desk }»
damage-reply = أحد الردود المخزَّنة قصير جدًّا
damage-reply-key = مفتاح أحد الردود المخزَّنة ليس بالطول الصحيح

## serve
cannot-listen = تعذّر الاستماع على العنوان { $addr }: { $reason }
new-secrets =
    أُنشئ مفتاح توقيع جديد للمنصة وملح تثبيت جديد في المجلد { $path }.
    يُرجى أخذ نسخة احتياطية من هذا المجلد الآن: ضياع الملح يقطع صلة كل مبلِّغ بصندوق رسائله.
new-fingerprint =
    بصمة المنصة (سيطلب منكم المراجِع تأكيدها):
    { $fingerprint }
demo-warning =
    وضع تجريبي: تُختم البلاغات للجهة التجريبية DEMO،
    ومفتاحها السري منشور مع أمانة، فبإمكان أي شخص قراءتها.
    لا تعطوا هذا العنوان لأي مبلِّغ حقيقي أبدًا.
    يُرجى وضع مفاتيح جهاتكم في مجلد المفاتيح.
insecure-kdf = تحذير: اشتقاق مفاتيح غير آمن مخصص للاختبارات: يسهل تخمين رموز المتابعة.
cleanup = التنظيف عند بدء التشغيل: عدد عمليات الرفع غير المكتملة المحذوفة { $uploads }؛ عدد الظروف غير المسجَّلة المحذوفة { $envelopes }.
missing-envelopes = تحذير: عدد الظروف المسجَّلة المفقودة من مجلد البيانات { $count }؛ يُرجى استعادتها من النسخة الاحتياطية: { $ids }
admin-socket = تعذّر فتح مقبس الإدارة: { $reason }
listening =
    منصة أمانة تستمع على العنوان:
    { $url }
stopping = جارٍ الإيقاف: لا اتصالات جديدة ولا عمليات رفع جديدة؛ أمام عمليات الرفع الجارية { $seconds } ث لتكتمل (إشارة ثانية تقطعها فورًا).
serve-failed = توقف الخادم بسبب خطأ: { $reason }
flush-failed = أخفقت كتابة السجلات على القرص: { $reason }
stopped = توقفت منصة أمانة.

## export و import
no-data-folder = لا يوجد مجلد بيانات في { $path } (يُرجى تحديد الخيار --data أو --config الخاص بالمنصة)
cannot-reach = تعذّر الاتصال بالمنصة العاملة: { $reason }
ask-stopped = توقف الطلب على نحو غير متوقع (التفاصيل: { $detail })
running-drop-garbled = تتعذّر قراءة جواب المنصة العاملة (هل هي إصدار آخر من amana-drop؟): { $detail }
running-drop-bad-request = لم تفهم المنصة العاملة الطلب (هل هي إصدار آخر من amana-drop؟): { $detail }
running-drop-unexpected = ردّت المنصة بجواب غير متوقع
exported = كُتبت الظروف في { $path }؛ عددها { $count }.
exported-desk = {"  "}الجهة { $desk }: الحزمة رقم { $number }
nothing-to-export = لا شيء للتصدير: صُدِّرت كل الظروف من قبل (يُرجى استخدام الخيار { $option } لتصديرها مجددًا).
export-exists = الملف { $path } موجود مسبقًا؛ يُرجى اختيار اسم ملف آخر
export-write = أخفقت كتابة الحزمة، ولم يُعلَّم أي ظرف على أنه مُصدَّر: { $detail }
imported = استُورد { $path }: عدد الردود الجديدة { $added }؛ عدد الردود التي سبق استلامها (تُركت كما هي) { $seen }؛ عدد الظروف المؤكَّد استلامها والمحذوفة { $deleted }.
import-refused = رُفضت حزمة الردود، ولم يُخزَّن أي شيء: { $reason }
import-stopped = توقفت قراءة حزمة الردود على نحو غير متوقع، ولم يُخزَّن أي شيء (التفاصيل: { $detail })
replies-malformed = هذا الملف ليس حزمة ردود صالحة: { $detail }
replies-unknown-desk = حزمة الردود موجَّهة إلى الجهة { $desk } التي لا وجود لها في هذه المنصة
replies-no-signing-key = لا تملك الجهة { $desk } مفتاح توقيع مطابقًا لهذه الحزمة
replies-signature = توقيع حزمة الردود غير صالح: عُدِّلت أو وقّعها مفتاح آخر
replies-wrong-drop = أُعدّت حزمة الردود لمنصة أخرى
replies-tampered = جرى العبث بحزمة الردود: { $detail }
replies-undecryptable = لا يُفتح الرد بهذا المفتاح

write-envelope-changed = تغيّر الظرف { $file } في المنصة بعد ختمه
write-bad-envelope-name = اسم ملف الظرف { $path } غير صالح
write-stopped = توقفت الكتابة على نحو غير متوقع (التفاصيل: { $detail })

## لماذا تُرفض حزمة الردود (بعد «رُفضت حزمة الردود، ولم يُخزَّن أي شيء:»)
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

## لماذا يُرفض سطر من ملف مفتاح الجهة (بعد «في السطر N:»)
key-line-field-syntax = يجب أن يُكتب حقل amana بالصيغة `name: value`
key-line-bad-signing-key = هذا ليس مفتاح ed25519
key-line-unknown-format = إصدار صيغة غير معروف «{ $version }» (لا تقرأ هذه المنصة إلا الإصدار 1)
key-line-unknown-field = حقل غير معروف: amana-{ $field }
key-line-bad-recipient = هذا ليس مستلم age من نوع X25519 (التفاصيل: { $detail })
key-line-unexpected = يجب أن يكون السطر مستلم age (يبدأ بـ age1) أو تعليقًا (يبدأ بـ #) أو حقل amana
key-line-bad-signing-secret = هذا ليس مفتاحًا سريًّا من نوع ed25519
key-line-bad-secret-key = هذا ليس مفتاحًا سريًّا لـ age (التفاصيل: { $detail })

## خدمة onion (serve --onion و onion-address)
onion-demo = يرفض الخيار { $option } الجهة التجريبية: مفتاحها السري منشور للعموم، فبإمكان أي شخص قراءة ما يرسله المبلِّغون. يُرجى وضع ملفات NAME.pub الخاصة بجهاتكم في مجلد المفاتيح ({ $command })
tor-bootstrap = الاتصال بشبكة Tor: { $status }
tor-bootstrapped = الاتصال بشبكة Tor: تمّ
onion-address =
    عنوان خدمة onion:
    { $url }
onion-status = حالة خدمة onion: { $state }
onion-status-problem = حالة خدمة onion: { $state } ({ $problem })
onion-config-file = إعدادات arti في { $path }: { $detail }
onion-config = إعدادات arti: { $detail }
onion-state-dir = مجلد حالة onion { $path }: { $detail }. يجب أن يكون مجلدًا يملكه هذا المستخدم ولا يستطيع غيره الكتابة فيه (ولا القراءة منه بالنسبة إلى مخزن المفاتيح) (chmod 700)
onion-locked =
    مجلد حالة onion { $path } مستخدَم من عملية أخرى (amana-drop آخر أو arti). يُرجى إيقاف تلك العملية أولًا. يُحرَّر القفل (amana-onion.lock) عند انتهاء العملية التي تحمله، فلا تترك عملية منهارة قفلًا عالقًا: إذا استمرت المشكلة، يُرجى البحث عن عملية ما زالت تعمل بالأمر:
    { $command }
onion-no-network = تعذّر الوصول إلى شبكة Tor خلال { $seconds } ث (آخر حالة: { $status }). يُرجى التحقق من أن هذا الجهاز يستطيع الوصول إلى شبكة Tor (الشبكة، الجدار الناري، الوكيل)، أو من الإعدادين authorities و fallback_caches في إعدادات arti إن كانت الشبكة خاصة
onion-no-address =
    لا يوجد بعدُ مفتاح لخدمة onion في { $path }: يُرجى تشغيل amana-drop serve --onion مرة واحدة، أو تشغيل الأمر التالي لإنشائه:
    { $command }
onion-arti = arti: { $detail }
onion-stopped = توقفت خدمة onion: { $detail }
