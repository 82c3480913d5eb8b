## amana-drop : chaque message destiné à l’opérateur. Traduction à faire relire par un
## locuteur natif avant tout déploiement (voir docs/translations.md).
## Lexique : desk = service ; drop = dépôt ; bundle = lot ; envelope = enveloppe ;
## folder = répertoire ; fingerprint = empreinte ; key (du fichier de configuration) =
## paramètre ; table = section. Les journaux (AMANA_LOG) restent en anglais.

## Tout échec
error = amana-drop : { $message }
io-error = { $kind ->
        [not-found] fichier ou répertoire introuvable
        [permission-denied] accès refusé (droits insuffisants)
        [already-exists] le fichier existe déjà
        [storage-full] le disque est plein
        [quota-exceeded] le quota d’espace disque est atteint
        [read-only] le support est en lecture seule
        [is-a-directory] il s’agit d’un répertoire, et non d’un fichier
        [not-a-directory] un élément du chemin n’est pas un répertoire
        [unexpected-eof] le fichier s’arrête avant la fin attendue (il est tronqué)
       *[other] { $os }
    }
path-error = { $path } : { $reason }
cannot-start = impossible de démarrer : { $reason }

## Le fichier de configuration
config-unreadable = impossible de lire le fichier de configuration { $path } : { $reason }
config-invalid-at = le fichier de configuration { $path } est invalide à la ligne { $line }, colonne { $column } : { $problem }
config-invalid = le fichier de configuration { $path } est invalide : { $problem }
config-invalid-values = configuration invalide : { $problem }
problem-syntax = le texte n’est pas du TOML valide (détail de l’analyseur : { $detail })
problem-unknown-key = paramètre inconnu `{ $key }`
problem-unknown-key-in = paramètre inconnu `{ $key }` dans la section { $table }
problem-allowed-keys = { $problem } ; les paramètres admis à cet endroit sont { $keys }
problem-missing-key = le paramètre `{ $key }` est manquant
problem-missing-key-in = le paramètre `{ $key }` manque dans la section { $table }
problem-bad-value = la valeur { $value } du paramètre `{ $key }` est refusée : { $detail }
problem-bad-value-no-key = la valeur { $value } est refusée : { $detail }
problem-unknown-language = la langue par défaut (default_language) « { $value } » n’est pas proposée par le dépôt ; choisissez l’une de celles-ci : { $offered }
problem-weak-kdf = `{ $key }` : la dérivation de clé exige au moins { $memory } Kio de mémoire et { $passes } passes, avec un parallélisme accepté par Argon2
problem-zero-limit = `{ $key }` doit être supérieur à zéro

## Services, secrets, répertoire de données
keys-folder-unreadable = impossible de lire le répertoire des clés { $path } : { $reason }
desk-file-unreadable = impossible de lire le fichier de clé de service { $path } : { $reason }
desk-file-line = le fichier de clé de service { $path } est invalide à la ligne { $line } : { $reason }
desk-file-no-recipient = le fichier de clé de service { $path } ne contient aucun destinataire age (ligne commençant par age1)
desk-file-bad-name = le fichier de clé de service { $path } porte un nom de service inutilisable : un nom de service compte de 1 à 64 caractères (lettres minuscules, chiffres et traits d’union)
desk-file-too-large = le fichier de clé de service { $path } est trop volumineux pour un fichier de clé (plus de { $max } octets)
desk-file-not-public = le fichier de clé de service { $path } n’est pas le fichier public d’un service
desk-file-mismatch = le fichier de clé de service { $path } est celui du service `{ $in_file }`, alors que la configuration indique `{ $configured }`
no-desks = aucun service : placez le fichier NOM.pub d’un service dans { $path } ou déclarez les services dans la configuration
demo-not-loopback = la clé secrète du service de démonstration est publique : le dépôt refuse de l’utiliser sur { $addr }. Écoutez sur 127.0.0.1, ou remplacez keys/demo.pub par les clés de vos propres services
secrets-error = les secrets du dépôt dans { $path } : { $reason }
data-folder-error = le répertoire de données { $path } : { $reason }
data-folder-in-use = impossible d’ouvrir le répertoire de données { $path } : { $reason }. Un dépôt y fonctionne-t-il sans son socket d’administration ?
store-database = la base des enregistrements a échoué : { $detail }
store-damaged = un enregistrement stocké est endommagé : { $detail }
store-refused = la boîte aux lettres a refusé le message
damage-mailbox = l’enregistrement d’une boîte aux lettres est endommagé ou appartient à une autre boîte
damage-note-tag-taken = une note d’envoi existe déjà sous cette étiquette
damage-envelope-id = l’identifiant d’un enregistrement d’enveloppe n’est pas du texte
damage-envelope-record = un enregistrement d’enveloppe est illisible (détail de l’analyseur JSON : { $detail })
damage-sequence = le numéro de lot du service « { $desk } »
damage-reply = une réponse stockée est trop courte
damage-reply-key = la clé d’une réponse stockée n’a pas la bonne longueur

## serve
cannot-listen = impossible d’écouter sur { $addr } : { $reason }
new-secrets =
    Nouvelle clé de signature du dépôt et nouveau sel d’installation créés dans { $path }.
    Sauvegardez ce répertoire dès maintenant : perdre le sel coupe chaque auteur de signalement de sa boîte aux lettres.
new-fingerprint = Empreinte du dépôt (la personne chargée de l’examen vous demandera de la confirmer) : { $fingerprint }
demo-warning =
    MODE DÉMONSTRATION : les signalements sont scellés pour le service DEMO,
    dont la clé secrète est publiée avec Amana. N’importe qui peut les lire.
    Ne donnez jamais cette adresse à un véritable auteur de signalement.
    Placez les clés de vos propres services dans le répertoire des clés.
insecure-kdf = ATTENTION : dérivation de clé non sûre, réservée aux tests : les codes de suivi sont faciles à deviner.
cleanup = Nettoyage au démarrage : envois inachevés supprimés : { $uploads } ; enveloppes non enregistrées supprimées : { $envelopes }.
missing-envelopes = ATTENTION : enveloppes enregistrées absentes du répertoire de données : { $count } ; restaurez-les depuis la sauvegarde : { $ids }
admin-socket = impossible d’ouvrir le socket d’administration : { $reason }
listening = Le dépôt Amana écoute sur { $url }
stopping = Arrêt : plus aucune nouvelle connexion ni nouvel envoi ; les envois en cours disposent de { $seconds } s pour se terminer (un second signal les interrompt immédiatement).
serve-failed = le serveur s’est arrêté sur une erreur : { $reason }
flush-failed = l’écriture des enregistrements sur le disque a échoué : { $reason }
stopped = Dépôt Amana arrêté.

## export et import
no-data-folder = aucun répertoire de données à l’emplacement { $path } (indiquez l’option --data ou --config du dépôt)
cannot-reach = impossible de joindre le dépôt en service : { $reason }
ask-stopped = la demande s’est interrompue de façon inattendue (détail : { $detail })
running-drop-garbled = la réponse du dépôt en service est illisible (s’agit-il d’une autre version d’amana-drop ?) : { $detail }
running-drop-bad-request = le dépôt en service n’a pas compris la demande (s’agit-il d’une autre version d’amana-drop ?) : { $detail }
running-drop-unexpected = le dépôt a donné une réponse inattendue
exported = { $count ->
        [one] { $count } enveloppe écrite
       *[other] { $count } enveloppes écrites
    } dans { $path }.
exported-desk = {"  "}service { $desk } : lot numéro { $number }
nothing-to-export = Rien à exporter : toutes les enveloppes ont déjà été exportées (utilisez { $option } pour les exporter de nouveau).
export-exists = { $path } existe déjà ; choisissez un autre nom de fichier
export-write = l’écriture du lot a échoué, aucune enveloppe n’a été marquée comme exportée : { $detail }
imported = { $path } importé : { $added ->
        [one] { $added } nouvelle réponse
       *[other] { $added } nouvelles réponses
    }, { $seen } déjà { $seen ->
        [one] vue
       *[other] vues
    } (laissées telles quelles), { $deleted ->
        [one] { $deleted } enveloppe dont la réception est confirmée supprimée
       *[other] { $deleted } enveloppes dont la réception est confirmée supprimées
    }.
import-refused = lot de réponses refusé, rien n’a été enregistré : { $reason }
import-stopped = la lecture du lot de réponses s’est interrompue de façon inattendue, rien n’a été enregistré (détail : { $detail })
replies-malformed = ce fichier n’est pas un lot de réponses valide : { $detail }
replies-unknown-desk = le lot de réponses est destiné au service { $desk }, que ce dépôt ne connaît pas
replies-no-signing-key = le service { $desk } n’a pas de clé de signature correspondant à ce lot
replies-signature = la signature du lot de réponses n’est pas valide : il a été modifié ou signé par une autre clé
replies-wrong-drop = le lot de réponses a été préparé pour un autre dépôt
replies-tampered = le lot de réponses a été altéré : { $detail }
replies-undecryptable = la réponse ne s’ouvre pas avec cette clé

write-envelope-changed = l’enveloppe { $file } a été modifiée sur le dépôt après avoir été scellée
write-bad-envelope-name = nom de fichier d’enveloppe invalide { $path }
write-stopped = l’écriture s’est interrompue de façon inattendue (détail : { $detail })

## Pourquoi un lot de réponses est refusé (après « lot de réponses refusé, rien n’a été enregistré : »)
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

## Pourquoi une ligne d’un fichier de clé de service est refusée (après « à la ligne N : »)
key-line-field-syntax = un champ amana doit avoir la forme `name: value`
key-line-bad-signing-key = ce n’est pas une clé ed25519
key-line-unknown-format = version de format inconnue « { $version } » (ce dépôt ne lit que la version 1)
key-line-unknown-field = champ inconnu `amana-{ $field }`
key-line-bad-recipient = ce n’est pas un destinataire age X25519 (détail : { $detail })
key-line-unexpected = une ligne doit être un destinataire age (age1…), un commentaire (#) ou un champ amana
key-line-bad-signing-secret = ce n’est pas une clé secrète ed25519
key-line-bad-secret-key = ce n’est pas une clé secrète age (détail : { $detail })

## Le service onion (serve --onion, onion-address)
onion-demo = { $option } refuse le service de démonstration : sa clé secrète est publique, n’importe qui pourrait donc lire ce qu’envoient les auteurs de signalement. Placez les fichiers NOM.pub de vos propres services dans le répertoire des clés ({ $command })
tor-bootstrap = Connexion à Tor : { $status }
tor-bootstrapped = Connexion à Tor : établie
onion-address = Adresse du service onion : { $url }
onion-status = État du service onion : { $state }
onion-status-problem = État du service onion : { $state } ({ $problem })
onion-config-file = la configuration d’arti { $path } : { $detail }
onion-config = la configuration d’arti : { $detail }
onion-state-dir = le répertoire d’état onion { $path } : { $detail }. Il doit s’agir d’un répertoire appartenant à cet utilisateur et dans lequel personne d’autre ne peut écrire (ni lire, pour le trousseau de clés) (chmod 700)
onion-locked = le répertoire d’état onion { $path } est utilisé par un autre processus (un autre amana-drop ou arti). Arrêtez d’abord ce processus. Le verrou (amana-onion.lock) est libéré quand son détenteur se termine ; un processus qui a planté ne laisse donc pas de verrou périmé : si le problème persiste, cherchez un processus encore actif avec `{ $command }`
onion-no-network = impossible de joindre le réseau Tor en { $seconds } s (dernier état : { $status }). Vérifiez que cette machine peut joindre le réseau Tor (réseau, pare-feu, proxy) ou, pour un réseau privé, les paramètres `authorities` et `fallback_caches` de la configuration d’arti
onion-no-address = pas encore de clé de service onion dans { $path } : lancez une fois `amana-drop serve --onion` (ou exécutez `{ $command }`) pour la créer
onion-arti = arti : { $detail }
onion-stopped = le service onion s’est arrêté : { $detail }
