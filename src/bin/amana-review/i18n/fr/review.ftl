## amana-review : chaque message destiné à une personne. Traduction à faire relire par un
## locuteur natif avant tout déploiement (voir docs/translations.md).
## Lexique : desk = service ; drop = dépôt ; bundle = lot ; envelope = enveloppe ;
## case = dossier ; folder = répertoire ; passphrase = phrase de passe ; fingerprint = empreinte.

## Tout échec
error = erreur : { $message }
internal-error = erreur interne : { $detail }
io-error = { $kind ->
        [no-terminal] aucun terminal pour demander la phrase de passe : utilisez { $option }
        [not-found] fichier ou répertoire introuvable
        [permission-denied] accès refusé (droits insuffisants)
        [already-exists] le fichier existe déjà
        [storage-full] le disque est plein
        [quota-exceeded] le quota d’espace disque est atteint
        [read-only] le support est en lecture seule
        [is-a-directory] il s’agit d’un répertoire, et non d’un fichier
        [not-a-directory] un élément du chemin n’est pas un répertoire
        [unexpected-eof] le fichier s’arrête avant la fin attendue (il est tronqué)
       *[other] erreur du système : { $os }
    }
path-error = { $path } : { $reason }

## Phrases de passe
passphrase-new = Phrase de passe de la nouvelle clé du service :
passphrase-repeat = Saisissez de nouveau la phrase de passe :
passphrase-for = Phrase de passe de { $path } :
passphrases-differ = les deux phrases de passe saisies ne sont pas identiques
passphrase-too-short = la phrase de passe est trop courte (au moins 8 caractères ; choisissez-en une longue)

## keygen
key-exists = { $path } existe déjà ; une clé existante n’est jamais écrasée
keygen-desk = Service { $desk } :
keygen-secret-file = fichier de clé secrète : { $path } (à conserver sur cette machine ; faites-en une copie de sauvegarde)
keygen-public-file = fichier public : { $path } (à copier dans le répertoire keys du dépôt)
keygen-recipient-id = identifiant de la clé de chiffrement : { $id }
keygen-signing-id = identifiant de la clé de signature : { $id }

## Un dépôt vu pour la première fois
trust-new-drop = Ce lot a été signé par un dépôt que cette machine ne connaît pas encore.
trust-fingerprint-is = Son empreinte est :
trust-compare =
    Comparez-la, caractère par caractère, avec l’empreinte que le dépôt a affichée lors de
    son premier démarrage. Tapez « oui » pour faire désormais confiance à ce dépôt :
trust-yes = oui

## open
open-signed-by = Lot signé par le dépôt { $fingerprint }
open-counts = Enveloppes listées : { $listed } ; ouvertes maintenant : { $opened } ; déjà ouvertes auparavant : { $before } ; destinées à d’autres services : { $other }.
open-case = dossier { $case }  { $dir }  ({ $attachments ->
        [one] { $attachments } pièce jointe
       *[other] { $attachments } pièces jointes
    })
open-other-desk = pour le service { $desk } : { $count ->
        [one] { $count } enveloppe, laissée scellée
       *[other] { $count } enveloppes, laissées scellées
    }
open-missing-bundles = ATTENTION : les lots { $first } à { $last } du service { $desk } ne sont jamais parvenus sur cette machine (retenus ou perdus) : adressez-vous à l’opérateur du dépôt.
open-unknown-key = ALERTE : { $file } est destiné au service { $desk }, mais il est scellé pour des clés que ce service ne détient pas. Le fichier de clés du dépôt a peut-être été remplacé : cessez d’utiliser le dépôt et vérifiez son répertoire keys.
open-wrong-key = Cette clé n’ouvre aucune des enveloppes de ce lot.
progress-decimal-mark = ,
progress-size = { $n } { $unit ->
        [b] o
        [kib] Kio
        [mib] Mio
        [gib] Gio
       *[tib] Tio
    }
progress-left = encore { $n } { $unit ->
        [s] s
        [m] min
       *[h] h
    }

## En-têtes des tableaux (list, cases)
col-case = DOSSIER
col-desk = SERVICE
col-messages = MESSAGES
col-first = PREMIER JOUR
col-latest = DERNIER JOUR
col-arrived = ARRIVÉE
col-status = STATUT
col-msgs = MSG
col-replies = RÉPONSES
col-acknowledgment = ACCUSÉ DE RÉCEPTION
col-feedback = RETOUR D’INFORMATIONS

## list, show
list-empty = Aucun dossier dans { $dir }.
show-case-error = dossier { $case } : { $reason }
show-bad-case-id = un identifiant de dossier s’écrit en hexadécimal (voir « { $command } »)
show-case = Dossier { $case } : { $count ->
        [one] { $count } message
       *[other] { $count } messages
    }
show-envelope = { $day }  { $kind }  service { $desk }  { $channel }  enveloppe { $id }
kind-report = Signalement
kind-follow-up = Complément
channel-web = par le web
channel-phone = par téléphone
channel-counter = au guichet
channel-post = par courrier
show-folder = répertoire : { $dir }
show-message = message : { $size ->
        [one] { $size } octet
       *[other] { $size } octets
    }, sha256 { $sha256 }
show-contact = coordonnées : fournies (contact.txt)
show-attachment = pièce jointe { $name } : { $size ->
        [one] { $size } octet
       *[other] { $size } octets
    }, { $media_type }, sha256 { $sha256 }
show-sent-as = (envoyée sous le nom « { $name } »)

## reply
reply-too-long = une réponse compte au plus { $max } caractères
reply-needs-reason = clore ou transmettre un dossier exige { $option } (l’auteur du signalement le lit)
reply-needs-referred-to = transmettre un dossier exige { $option }
reply-no-signing-key = cette clé ne comporte pas de clé de signature : les réponses sont signées avec la clé de service créée par « { $tool } »
reply-no-desk = cette clé ne désigne aucun service
reply-no-case = le registre ne contient pas de dossier { $case } : ouvrez d’abord le lot qui le contient
reply-bad-recipient = la clé de réponse du dossier est mal formée
reply-other-bundle = { $path } : { $reason } (écrivez les réponses destinées à un autre dépôt ou à un autre service dans un autre fichier)
reply-added = Réponse { $id } (numéro { $number }) au dossier { $case } ajoutée à { $path } ; réponses dans le lot : { $replies } ; enveloppes dont la réception est confirmée : { $acknowledged }.
reply-carry = Apportez ce fichier au dépôt et exécutez-y : { $command }

## cases
status-received = reçu
status-in-review = en examen
status-referred = transmis
status-closed = clos
due-met = fait le { $day }
due-due = échéance le { $day }
due-overdue = EN RETARD depuis le { $day }
due-none = -
cases-unknown-regime = régime de délais inconnu { $regime } : utilisez { $first } ou { $second }
cases-bad-today = { $option } attend une date au format AAAA-MM-JJ
cases-empty = Le registre ne contient encore aucun dossier.
cases-overdue = { $count ->
        [one] { $count } délai dépassé.
       *[other] { $count } délais dépassés.
    }

## Erreurs de la bibliothèque
error-wrong-passphrase = phrase de passe incorrecte
error-key-line = ligne { $line } : { $reason }
error-no-recipients = le fichier ne contient aucun destinataire age (age1…)
error-bad-desk-name = un nom de service compte de 1 à 64 caractères : lettres minuscules, chiffres et traits d’union
error-excessive-work = le fichier de clé exige une quantité de calcul excessive (scrypt 2^{ $log }) ; il est refusé
error-not-an-identity = ce n’est pas un fichier de clé secrète : { $reason }
error-no-identity = le fichier de clé ne contient aucune clé secrète age (AGE-SECRET-KEY-1…)
error-key-too-large = le fichier est trop volumineux pour un fichier de clé (plus de { $max } octets)
error-bundle-malformed = ce fichier n’est pas un lot Amana valide : { $detail }
error-bundle-signature = la signature du lot n’est pas valide : il a été modifié après sa signature par le dépôt
error-bundle-truncated = le lot est tronqué : il manque { $missing } des { $listed } enveloppes qu’il liste
error-bundle-tampered = le lot a été altéré : { $detail }
error-envelope-changed = l’enveloppe { $file } a été modifiée sur le dépôt après avoir été scellée
error-bad-envelope = l’enveloppe { $file } est endommagée : { $reason }
error-untrusted-drop = ce lot provient d’un dépôt auquel cette machine ne fait pas encore confiance (empreinte { $fingerprint }). Comparez cette empreinte avec celle que le dépôt a affichée lors de son premier démarrage, puis relancez la commande avec --trust-drop "{ $fingerprint }"
error-replayed = lot rejoué : le lot numéro { $got } du service { $desk } n’est pas plus récent que le lot numéro { $last }, déjà ouvert ici. Rien n’a été ouvert
error-output = impossible d’écrire le résultat dans { $path } : { $reason }. Aucun fichier partiellement écrit n’a été laissé
error-state = état d’amana-review dans { $path } : { $reason }
error-replies-malformed = ce fichier n’est pas un lot de réponses valide : { $detail }
error-replies-unknown-desk = le lot de réponses est destiné au service { $desk }, que ce dépôt ne connaît pas
error-replies-no-signing-key = le service { $desk } n’a pas de clé de signature correspondant à ce lot
error-replies-signature = la signature du lot de réponses n’est pas valide : il a été modifié ou signé par une autre clé
error-replies-wrong-drop = le lot de réponses a été préparé pour un autre dépôt
error-replies-tampered = le lot de réponses a été altéré : { $detail }
error-replies-undecryptable = la réponse ne s’ouvre pas avec cette clé

## Pourquoi une ligne d’un fichier de clé est refusée (après « ligne N : »)
key-line-field-syntax = un champ amana doit avoir la forme `name: value`
key-line-bad-signing-key = ce n’est pas une clé ed25519
key-line-unknown-format = version de format inconnue « { $version } » (ce dépôt ne lit que la version 1)
key-line-unknown-field = champ inconnu `amana-{ $field }`
key-line-bad-recipient = ce n’est pas un destinataire age X25519 (détail : { $detail })
key-line-unexpected = une ligne doit être un destinataire age (age1…), un commentaire (#) ou un champ amana
key-line-bad-signing-secret = ce n’est pas une clé secrète ed25519
key-line-bad-secret-key = ce n’est pas une clé secrète age (détail : { $detail })

## Pourquoi un fichier n’est pas un fichier de clé secrète (après « ce n’est pas un fichier de clé secrète : »)
identity-not-text = ce n’est ni un fichier age ni du texte
identity-unexpected-line = la ligne { $line } n’est ni une clé secrète ni un commentaire
identity-armored = les fichiers de clé au format ASCII « armored » ne sont pas pris en charge ; utilisez la forme binaire
identity-encrypted-to-key = le fichier est chiffré pour une clé, et non avec une phrase de passe
identity-age = age ne peut pas le lire (détail : { $detail })

## Pourquoi un lot n’est pas valide (après « ce fichier n’est pas un lot Amana valide : »)
malformed-manifest-not-first = le premier fichier devrait être { $manifest }
malformed-signature-not-second = { $signature } devrait suivre { $manifest }
malformed-too-large = { $name } est trop volumineux
malformed-cut-in-file = le lot s’arrête au milieu d’un fichier (il est tronqué)
malformed-framing = la structure tar est endommagée ou tronquée (détail de l’analyseur : { $detail })
malformed-dirty-padding = le bourrage tar contient des octets non nuls
malformed-stray-blocks = des blocs inattendus se trouvent entre les fichiers du lot
malformed-missing = le lot s’arrête avant { $name }
malformed-foreign-header = l’en-tête tar de { $name } n’est pas celui qu’écrit le dépôt
malformed-end-missing = les blocs de fin du lot manquent (il est tronqué)
malformed-trailing-data = des données suivent la fin du lot
malformed-manifest-json = le manifeste { $manifest } est illisible (détail de l’analyseur JSON : { $detail })
malformed-not-a-manifest = ce n’est pas le manifeste d’un lot Amana
malformed-unsupported-version = la version { $version } du manifeste n’est pas prise en charge (cet outil lit la version { $supported })
malformed-bad-drop-key = la clé du dépôt n’est pas une clé ed25519
malformed-too-many-envelopes = nombre d’enveloppes excessif : { $count } (au plus { $max })
malformed-bad-day = la date du manifeste, « { $day } », n’est pas une date valide
malformed-unsorted = les enveloppes ne sont pas triées, ou l’une d’elles figure deux fois
malformed-bad-envelope-name = nom d’enveloppe invalide « { $file } »
malformed-no-sequence = le service « { $desk } » n’a pas de numéro de lot
malformed-bad-hash = le condensat SHA-256 de { $file } est mal formé
malformed-bad-desk-name = nom de service invalide « { $desk } »
malformed-bad-envelope-file = nom de fichier d’enveloppe invalide { $path }

## Comment un lot a été altéré (après « le lot a été altéré : »)
tampered-unlisted = le fichier « { $name } » ne figure pas dans le manifeste
tampered-unexpected = { $expected } était attendu, mais « { $found } » se trouve à sa place (enveloppes réordonnées, remplacées ou supprimées)
tampered-not-a-file = { $name } n’est pas un fichier ordinaire
tampered-size = { $name } fait { $actual ->
        [one] { $actual } octet
       *[other] { $actual } octets
    }, alors que le manifeste indique { $listed ->
        [one] { $listed } octet
       *[other] { $listed } octets
    }
tampered-differs = { $name } diffère du manifeste signé

## Pourquoi une enveloppe est refusée (après « l’enveloppe FICHIER est endommagée : »)
envelope-no-matching-key = cette clé ne l’ouvre pas, alors que le manifeste indique qu’elle lui est destinée
envelope-undecryptable = elle ne se déchiffre pas : { $reason }
envelope-contents = son contenu est mal formé : { $reason }
envelope-desk-mismatch = elle est scellée pour le service « { $sealed } », mais listée pour le service « { $listed } »

## Pourquoi un fichier age ne se déchiffre pas (après « elle ne se déchiffre pas : » ; aussi le registre)
age-passphrase = chiffrement par phrase de passe, et non pour les clés d’un service
age-header = l’en-tête age est invalide ou a été modifié
age-truncated = le fichier age s’arrête avant son dernier bloc (il est tronqué)
age-authentication = les données chiffrées ne s’authentifient pas : elles ont été modifiées ou endommagées
age-unsupported = format age que cet outil ne lit pas
age-read = la lecture a échoué
age-detail = { $reason } (détail d’age : { $detail })

## Pourquoi le contenu d’une enveloppe est refusé (après « son contenu est mal formé : »)
contents-not-a-zip = ce n’est pas une archive ZIP (détail du lecteur ZIP : { $detail })
contents-no-metadata = l’enregistrement de métadonnées { $entry } est absent
contents-metadata-too-large = l’enregistrement de métadonnées { $entry } est trop volumineux
contents-unreadable = { $entry } est illisible (détail du lecteur ZIP : { $detail })
contents-duplicate = l’archive contient deux fois { $entry }
contents-missing = { $entry } est absent
contents-listed-twice = les métadonnées mentionnent deux fois { $entry }
contents-wrong-size = { $entry } fait { $actual } octets, alors que les métadonnées indiquent { $recorded }
contents-hash-mismatch = { $entry } ne correspond pas au condensat SHA-256 enregistré dans les métadonnées
contents-metadata-json = l’enregistrement de métadonnées est illisible (détail de l’analyseur JSON : { $detail })
contents-unsupported = le format d’enveloppe « { $format } » version { $version } n’est pas pris en charge
contents-bad-id = l’identifiant de l’enveloppe est invalide
contents-bad-mailbox = la référence de la boîte aux lettres est invalide
contents-bad-day = le jour indiqué n’est pas une date
contents-bad-desk = le nom du service est invalide

## Ce qui ne va pas dans l’état d’amana-review (après « état d’amana-review dans CHEMIN : »)
state-damaged = le fichier est endommagé et illisible (détail de l’analyseur JSON : { $detail }) ; restaurez-le à partir d’une sauvegarde
state-undecryptable = le registre des dossiers ne se déchiffre pas : { $reason } ; restaurez-le à partir d’une sauvegarde
state-not-this-identity = cette clé n’ouvre pas le registre des dossiers
state-seal = le registre des dossiers ne peut pas être scellé pour les clés du service (détail d’age : { $detail })

## Pourquoi un lot de réponses n’est pas valide, ou a été altéré
replies-framing = la structure tar est endommagée ou tronquée (détail de l’analyseur : { $detail })
replies-not-a-file = « { $name } » n’est pas un fichier ordinaire
replies-too-large = « { $name } » est trop volumineux
replies-too-many-files = trop de réponses (au plus { $max })
replies-cut-in-file = le lot s’arrête au milieu de « { $name } » (il est tronqué)
replies-misplaced = { $expected } était attendu, mais « { $found } » se trouve à sa place
replies-no-manifest = il ne contient pas de manifeste signé
replies-manifest-json = le manifeste est illisible (détail de l’analyseur JSON : { $detail })
replies-not-replies = ce n’est pas le manifeste d’un lot de réponses Amana
replies-unsupported-version = la version { $version } du manifeste de réponses n’est pas prise en charge (cet outil lit la version { $supported })
replies-too-many-entries = trop d’entrées (réponses : { $replies } ; enveloppes dont la réception est confirmée : { $acknowledged })
replies-bad-acknowledged-id = identifiant d’enveloppe invalide « { $id } »
replies-bad-entry = entrée invalide « { $file } »
replies-content-json = le contenu de la réponse est illisible (détail de l’analyseur JSON : { $detail })
replies-count = réponses listées dans le manifeste : { $listed } ; réponses présentes dans le lot : { $found }
replies-differs = { $file } diffère du manifeste
