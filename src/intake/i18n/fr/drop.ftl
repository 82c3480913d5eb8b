## Amana : chaque texte que lit une personne qui signale. Traduction à faire relire par un
## locuteur natif avant tout déploiement (voir docs/translations.md).

drop-name = Amana, dépôt sécurisé
footer-tor = Cette page fonctionne sans JavaScript. Utilisez le navigateur Tor, avec le niveau de sécurité « Le plus sûr ».
language = Langue

## Accueil
home-title = Signaler un abus en toute sécurité
home-intro = Ce dépôt vous permet d’envoyer un signalement et des fichiers aux services ci-dessous sans donner votre nom. Tout ce que vous envoyez est chiffré pour le service que vous choisissez avant d’être enregistré : les personnes qui gèrent ce serveur ne peuvent pas le lire.
home-desks = Qui reçoit les signalements
home-safety = Avant de commencer
safety-tor = Utilisez le navigateur Tor, et continuez à l’utiliser chaque fois que vous revenez.
safety-device = N’utilisez pas un ordinateur, un téléphone ou un réseau de votre travail.
safety-code = Vous recevrez un code de suivi. Gardez-le secret : toute personne qui le connaît peut lire les réponses à votre signalement.
safety-metadata = Les fichiers peuvent contenir des informations cachées, comme le nom de l’auteur, le nom de l’appareil ou un lieu. Supprimez-les, ou faites plutôt une capture d’écran du document, si elles pouvaient vous identifier.
home-start = Commencer un signalement
home-follow-up = J’ai déjà un code : suivre mon signalement

## Votre code
code-title = Votre code de suivi
code-intro = Notez ce code maintenant, avant d’envoyer quoi que ce soit. Il vous servira à vérifier que votre signalement est arrivé, à lire les réponses et à envoyer d’autres éléments.
code-as-digits = L’afficher en chiffres
code-as-words = L’afficher en mots
code-write-down = Écrivez-le sur papier ou retenez-le. Ne l’enregistrez pas sur un appareil de travail ni dans le nuage.
code-secret = Gardez-le secret : c’est la seule clé de votre boîte de suivi.
code-lost = Si vous le perdez, personne ne pourra vous le redonner, pas même les services destinataires.
code-continue = Je l’ai noté : continuer

## Envoi
submit-title = Envoyer votre signalement
follow-up-title = Envoyer un autre message
submit-intro = Choisissez le service qui doit recevoir votre signalement, décrivez ce qui s’est passé et ajoutez des fichiers si vous le souhaitez.
submit-desk = Service destinataire
submit-message = Votre message
submit-contact = Coordonnées (facultatif)
submit-contact-hint = Seulement si vous voulez que le service puisse vous joindre en dehors de ce dépôt. Elles sont chiffrées comme le reste de votre signalement.
submit-files = Fichiers (facultatif, plusieurs possibles)
submit-limits = { $files ->
    [one] Au plus { $files } fichier, { $size } au total.
   *[other] Au plus { $files } fichiers, { $size } au total.
}
submit-send = Envoyer de façon sécurisée

## Envoyé
sent-title = Votre signalement est bien arrivé
sent-body = Il est chiffré et conservé en sécurité. Seul le service que vous avez choisi peut l’ouvrir.
sent-follow-up = Revenez dans quelques jours avec votre code de suivi pour lire les réponses.
sent-mailbox = Voir ma boîte de suivi

## Suivi
login-title = Suivre mon signalement
login-code = Votre code de suivi (en mots ou en chiffres)
login-submit = Ouvrir ma boîte de suivi
login-hint = Les espaces, les tirets et les majuscules n’ont pas d’importance.
mailbox-title = Votre boîte de suivi
mailbox-status = État
mailbox-status-received = Reçu. Le service n’a pas encore répondu.
mailbox-status-empty = Rien n’est encore arrivé avec ce code.
mailbox-replies = Réponses
mailbox-no-replies = Pas encore de réponse.
status-received = Reçu. Le service a accusé réception de votre signalement.
status-in-review = En cours d’examen. Le service examine votre signalement.
status-referred = Transmis. Le service a transmis votre signalement à un autre organisme.
status-closed = Clos. Le service a terminé le traitement de votre signalement.
reply-reason = Motif :
reply-referred-to = Transmis à :
reply-status = État :
reply-delete = Supprimer cette réponse
reply-deleted = La réponse a été supprimée.
mailbox-sent = Ce que vous avez envoyé
mailbox-day = Jour
mailbox-desk = Service
mailbox-files = Fichiers
mailbox-size = Taille des fichiers
mailbox-no-contents = Pour votre sécurité, le contenu de ce que vous avez envoyé n’est jamais affiché ici.
mailbox-send-more = Envoyer un autre message
logout = Se déconnecter

## Tailles
size-bytes = { $n } octets
size-kib = { $n } Ko
size-mib = { $n } Mo
size-gib = { $n } Go

## Erreurs
error-back = Revenir en arrière
error-not-found-title = Page introuvable
error-not-found = Il n’y a pas de page à cette adresse.
error-forbidden-title = Demande refusée
error-forbidden = Cette demande ne vient pas des pages de ce site. Revenez au début et réessayez.
error-session-title = Votre session est terminée
error-session = Pour votre sécurité, une session se termine après un moment d’inactivité ou quand vous vous déconnectez. Utilisez votre code de suivi pour continuer.
error-busy-title = Service occupé
error-busy = Le dépôt est occupé. Réessayez dans une minute.
error-too-large-title = Envoi trop volumineux
error-too-large = Ce que vous avez envoyé dépasse la taille acceptée par ce dépôt ({ $size }). Rien n’a été enregistré. Envoyez moins de fichiers, ou des fichiers plus petits.
error-too-many-files-title = Trop de fichiers
error-too-many-files = { $files ->
    [one] Vous pouvez envoyer au plus { $files } fichier à la fois. Rien n’a été enregistré. Envoyez le reste dans un autre message.
   *[other] Vous pouvez envoyer au plus { $files } fichiers à la fois. Rien n’a été enregistré. Envoyez le reste dans un autre message.
}
error-field-title = Champ trop long
error-field = Un champ dépasse la longueur acceptée par ce dépôt. Rien n’a été enregistré.
error-message-long-title = Message trop long
error-message-long = Votre message dépasse { $chars } caractères. Rien n’a été enregistré. Raccourcissez-le, ou joignez-le sous forme de fichier.
error-order-title = Demande refusée
error-order = Le formulaire a été envoyé dans le mauvais ordre (les fichiers avant le service). Rien n’a été enregistré. Utilisez le formulaire de ce site.
error-desk-title = Service inconnu
error-desk = Choisissez l’un des services de la liste. Rien n’a été enregistré.
error-empty-title = Rien à envoyer
error-empty = Écrivez un message ou joignez un fichier. Rien n’a été enregistré.
error-timeout-title = Envoi interrompu
error-timeout = L’envoi s’est bloqué ou était trop lent, et il a été interrompu. Rien n’a été enregistré. Réessayez.
error-disk-title = Envois suspendus
error-disk = Le dépôt manque d’espace et ne peut pas accepter d’envoi pour le moment. Rien n’a été enregistré. Réessayez plus tard.
error-quota-title = Limite atteinte
error-quota = Ce code de suivi a déjà envoyé le maximum autorisé. Rien n’a été enregistré.
error-code-title = Code non reconnu
error-code-format = Ce n’est pas un code de suivi : un code compte sept mots ou 28 chiffres. Vérifiez-le et réessayez.
error-code-unknown = Rien n’est arrivé avec ce code. Vérifiez que vous l’avez bien saisi. S’il est correct, rien de ce que vous avez envoyé avec ce code n’est arrivé : commencez un nouveau signalement.
error-bad-request-title = Demande refusée
error-bad-request = La demande n’a pas pu être comprise. Rien n’a été enregistré.
error-internal-title = Une erreur s’est produite
error-internal = Le dépôt n’a pas pu terminer votre demande. Rien n’a été enregistré. Réessayez plus tard.
