"""End to end, per language: a small realistic article with the usual clutter around it,
cleaned by the default Cleaner with language detection, must lose exactly its clutter. The
body paragraphs use the clutter's own words ("Anzeige", "cookies", "newsletter") on purpose.
And no language's rules may touch another language's body text."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

# (text, is_clutter) blocks of one article page per language
DOCS: dict[str, list[tuple[str, bool]]] = {
    "de": [
        ("Startseite > Politik > Deutschland", True),
        ("Lesezeit: 3 Min.", True),
        ("Von Anna Schmidt", True),
        ("Aktualisiert am 12.03.2024, 14:30 Uhr", True),
        ("Der Stadtrat hat am Montagabend nach langer Debatte den Haushalt für das kommende Jahr beschlossen. Die Opposition kritisierte vor allem die geplanten Kürzungen bei den Schulen.", False),
        ("Foto: Max Mustermann/dpa", True),
        ("Die Anzeige gegen den Bürgermeister wurde am Montag zurückgezogen, wie ein Sprecher der Staatsanwaltschaft bestätigte.", False),
        ("Anzeige", True),
        ("Lesen Sie auch: Warum die Mieten in der Stadt weiter steigen", True),
        ("Der Verein verschickt seit Jahren einen Newsletter an seine Mitglieder, in dem er über die Arbeit im Rathaus berichtet. Künftig soll er auch online erscheinen.", False),
        ("Die Datenschutzbehörde prüft außerdem, ob die Stadt auf ihrer Website Cookies ohne Einwilligung der Besucher gesetzt hat.", False),
        ("Newsletter abonnieren", True),
        ("Melden Sie sich jetzt für unseren kostenlosen Newsletter an und erhalten Sie die wichtigsten Nachrichten direkt in Ihr Postfach.", True),
        ("Mehr zum Thema", True),
        ("Artikel teilen", True),
        ("War dieser Artikel hilfreich?", True),
        ("Mit Material von dpa", True),
        ("© 2024 Verlagsgruppe Beispiel. Alle Rechte vorbehalten.", True),
        ("Zur Startseite", True),
        ("Die Partei wirbt auch auf Instagram um junge Wähler, ihre Anhänger teilen die Videos im Netz tausendfach.", False),
        ("Aktuelle Meldungen zum Krieg in Nahost finden Sie jederzeit in unserem Liveblog:", True),
        ("Die Rundschau auch bei Social Media – ob WhatsApp, Instagram oder Facebook.", True),
        ("12.03.2024 | 1:45 min", True),
        ("Redaktion: Anna Beispiel, Max Muster", True),
        ("Gastbeiträge geben nicht unbedingt die Meinung der Redaktion wieder.", True),
        ("Jetzt bei MediaMarkt kaufen", True),
    ],
    "fr": [
        ("Accueil > Politique > France", True),
        ("Par Marie Dupont", True),
        ("Publié le 12 mars 2024 à 14h30", True),
        ("Temps de lecture : 3 min", True),
        ("Le conseil municipal a adopté lundi soir le budget de l'année prochaine après un long débat. L'opposition a surtout critiqué les coupes prévues dans les écoles.", False),
        ("Photo : Jean Dupont / AFP", True),
        ("La publicité pour les paris sportifs sera davantage encadrée, a annoncé le gouvernement, qui veut protéger les plus jeunes.", False),
        ("Publicité", True),
        ("À lire aussi : Pourquoi les loyers continuent d'augmenter", True),
        ("L'association envoie depuis des années une newsletter à ses adhérents pour rendre compte du travail de la mairie. Elle sera désormais aussi publiée en ligne.", False),
        ("La CNIL vérifie par ailleurs si la ville a déposé des cookies sur son site sans le consentement des visiteurs.", False),
        ("Inscrivez-vous à notre newsletter", True),
        ("Sur le même sujet", True),
        ("Partager sur Facebook", True),
        ("Cet article vous a-t-il été utile ?", True),
        ("Avec AFP", True),
        ("Le Courrier avec AFP", True),
        ("Mots-clés : Conseil municipal, Budget, Écoles", True),
        ("Photo d'illustration", True),
        ("Il vous reste 62.5% de cet article à lire. La suite est réservée aux abonnés.", True),
        ("Abonnez-vous à partir de 1 €", True),
        ("Suivez toute l'actualité de Paris sur notre compte Instagram", True),
        ("Vous souhaitez réagir ? Abonnez-vous", True),
        ("Signaler une erreur", True),
        ("Ajouter à mes favoris", True),
        ("mardi 12 mars 2024", True),
        ("© 2024 Groupe Exemple. Tous droits réservés.", True),
        ("Retour à l'accueil", True),
    ],
    "es": [
        ("Inicio > Política > España", True),
        ("Por María García", True),
        ("Actualizado el 12 de marzo de 2024 a las 14:30", True),
        ("Tiempo de lectura: 3 min", True),
        ("El pleno del Ayuntamiento aprobó el lunes por la noche el presupuesto del próximo año tras un largo debate. La oposición criticó sobre todo los recortes previstos en los colegios.", False),
        ("Foto: Juan Pérez / EFE", True),
        ("La publicidad de las casas de apuestas estará más limitada a partir de enero, anunció el Gobierno, que quiere proteger a los más jóvenes.", False),
        ("Publicidad", True),
        ("Lee también: Por qué siguen subiendo los alquileres", True),
        ("La asociación envía desde hace años un boletín a sus socios para informar sobre el trabajo del Ayuntamiento. A partir de ahora también se publicará en internet.", False),
        ("La agencia de protección de datos investiga además si la ciudad instaló cookies en su web sin el consentimiento de los visitantes.", False),
        ("Suscríbete a nuestro boletín", True),
        ("Te puede interesar", True),
        ("Compartir en Facebook", True),
        ("¿Te ha resultado útil este artículo?", True),
        ("Con información de EFE", True),
        ("Archivado En", True),
        ("Imagen de archivo", True),
        ("Suscríbete desde 1 € al mes", True),
        ("Contenido exclusivo para suscriptores", True),
        ("Sigue toda la actualidad de Deportes en Instagram y en nuestro canal de WhatsApp.", True),
        ("Madrid - 12 mar 2024 - 14:30 CET", True),
        ("¿Has visto algún error? Escríbenos", True),
        ("Noticia en ampliación", True),
        ("Añadir a favoritos", True),
        ("© 2024 Grupo Ejemplo. Todos los derechos reservados.", True),
        ("Volver a la portada", True),
    ],
    "it": [
        ("Home > Politica > Italia", True),
        ("di Mario Rossi", True),
        ("Aggiornato il 12 marzo 2024 alle 14:30", True),
        ("Tempo di lettura: 3 minuti", True),
        ("Il consiglio comunale ha approvato lunedì sera il bilancio del prossimo anno dopo un lungo dibattito. L'opposizione ha criticato soprattutto i tagli previsti per le scuole.", False),
        ("Foto: Mario Bianchi / Ansa", True),
        ("La pubblicità delle scommesse sportive sarà ancora più limitata, ha annunciato il governo, che vuole proteggere i più giovani.", False),
        ("Pubblicità", True),
        ("Leggi anche: Perché gli affitti continuano a salire", True),
        ("L'associazione invia da anni una newsletter ai suoi soci per raccontare il lavoro del Comune. D'ora in poi sarà pubblicata anche online.", False),
        ("Il Garante verifica inoltre se il Comune abbia installato cookie sul suo sito senza il consenso dei visitatori.", False),
        ("Iscriviti alla newsletter", True),
        ("Potrebbe interessarti", True),
        ("Condividi su Facebook", True),
        ("Questo articolo ti è stato utile?", True),
        ("(ANSA)", True),
        ("Argomenti", True),
        ("Foto d'archivio", True),
        ("Abbonati a 1 euro al mese", True),
        ("Articolo riservato agli abbonati", True),
        ("Ricevi le notizie su WhatsApp", True),
        ("martedì 12 marzo 2024", True),
        ("Segnala un errore", True),
        ("Notizia in aggiornamento", True),
        ("Aggiungi ai preferiti", True),
        ("© Riproduzione riservata", True),
        ("Torna alla home", True),
    ],
    "pt": [
        ("Início > Política > Portugal", True),
        ("Por João Silva", True),
        ("Atualizado em 12 de março de 2024, 14h30", True),
        ("Tempo de leitura: 3 min", True),
        ("A assembleia municipal aprovou na segunda-feira à noite o orçamento do próximo ano depois de um longo debate. A oposição criticou sobretudo os cortes previstos nas escolas.", False),
        ("Foto: Pedro Santos / Lusa", True),
        ("A publicidade das casas de apostas vai ser ainda mais limitada, anunciou o Governo, que quer proteger os mais jovens.", False),
        ("Publicidade", True),
        ("Leia também: Por que as rendas continuam a subir", True),
        ("A associação envia há anos uma newsletter aos seus sócios para dar conta do trabalho da câmara. A partir de agora também será publicada na internet.", False),
        ("A comissão de proteção de dados verifica ainda se a câmara instalou cookies no seu site sem o consentimento dos visitantes.", False),
        ("Assine a nossa newsletter", True),
        ("Veja também", True),
        ("Partilhar no Facebook", True),
        ("Este artigo foi útil?", True),
        ("(Lusa)", True),
        ("Tags", True),
        ("Reprodução/Instagram", True),
        ("Assine a partir de R$ 1,90 por mês", True),
        ("Conteúdo exclusivo para assinantes", True),
        ("Receba as notícias no WhatsApp", True),
        ("segunda-feira, 11 de março de 2024 às 9:13", True),
        ("Encontrou algum erro? Entre em contato", True),
        ("Notícia em atualização", True),
        ("Compartilhe essa notícia", True),
        ("© 2024 Grupo Exemplo. Todos os direitos reservados.", True),
        ("Voltar à página inicial", True),
    ],
    "nl": [
        ("Home > Politiek > Binnenland", True),
        ("Door Jan de Vries", True),
        ("Bijgewerkt op 12 maart 2024 om 14:30", True),
        ("Leestijd: 3 minuten", True),
        ("De gemeenteraad heeft maandagavond na een lang debat de begroting voor volgend jaar aangenomen. De oppositie had vooral kritiek op de geplande bezuinigingen op scholen.", False),
        ("Foto: Sanne Bakker / ANP", True),
        ("De advertentie van de partij werd na klachten van kiezers offline gehaald, bevestigde een woordvoerder.", False),
        ("Advertentie", True),
        ("Lees ook: Waarom de huren blijven stijgen", True),
        ("De vereniging stuurt al jaren een nieuwsbrief naar haar leden over het werk van de gemeente. Voortaan verschijnt die ook online.", False),
        ("De toezichthouder onderzoekt daarnaast of de gemeente cookies op haar website plaatste zonder toestemming van bezoekers.", False),
        ("Schrijf je in voor onze nieuwsbrief", True),
        ("Meer over dit onderwerp", True),
        ("Deel dit artikel", True),
        ("Was dit artikel nuttig?", True),
        ("(ANP)", True),
        ("© 2024 Uitgeverij Voorbeeld. Alle rechten voorbehouden.", True),
        ("Terug naar home", True),
        ("Volg het laatste nieuws over de oorlog in ons liveblog.", True),
        ("Tekst: Sanne Bakker, Beeld: Pieter van der Berg", True),
    ],
    "pl": [
        ("Strona główna > Polityka > Kraj", True),
        ("Autor: Jan Kowalski", True),
        ("Aktualizacja: 12.03.2024 14:30", True),
        ("Czas czytania: 3 min", True),
        ("Rada miasta przyjęła w poniedziałek wieczorem budżet na przyszły rok po długiej debacie. Opozycja krytykowała przede wszystkim planowane cięcia w szkołach.", False),
        ("Fot. PAP/Anna Nowak", True),
        ("Reklama zakładów bukmacherskich będzie jeszcze bardziej ograniczona, zapowiedział rząd, który chce chronić najmłodszych.", False),
        ("Reklama", True),
        ("Czytaj także: Dlaczego czynsze wciąż rosną", True),
        ("Stowarzyszenie od lat wysyła swoim członkom newsletter o pracy urzędu miasta. Teraz będzie on publikowany także w internecie.", False),
        ("Urząd ochrony danych sprawdza ponadto, czy miasto instalowało na swojej stronie pliki cookies bez zgody odwiedzających.", False),
        ("Zapisz się do newslettera", True),
        ("Czytaj też", True),
        ("Udostępnij na Facebooku", True),
        ("Czy ten artykuł był pomocny?", True),
        ("(PAP)", True),
        ("© 2024 Grupa Przykład. Wszelkie prawa zastrzeżone.", True),
        ("Wróć do strony głównej", True),
        ("ZOBACZ: Tak wygląda nowy stadion w Łodzi", True),
        ("Dalsza część artykułu pod materiałem wideo", True),
        ("Oprac. Anna Nowak", True),
    ],
    "no": [
        ("Forsiden > Nyheter > Innenriks", True),
        ("Av Ola Nordmann", True),
        ("Publisert 12.03.2024 14:30", True),
        ("Lesetid: 3 min", True),
        ("Bystyret vedtok mandag kveld budsjettet for neste år etter en lang debatt. Opposisjonen kritiserte særlig de planlagte kuttene i skolene.", False),
        ("Foto: Kari Nordmann / NTB", True),
        ("Annonsen for spillselskapet ble trukket etter klager fra foreldre, bekreftet en talsperson for kommunen.", False),
        ("ANNONSE", True),
        ("Les også: Derfor fortsetter husleiene å stige", True),
        ("Foreningen har i mange år sendt et nyhetsbrev til medlemmene om arbeidet i rådhuset. Nå skal det også publiseres på nett.", False),
        ("Datatilsynet undersøker dessuten om kommunen brukte informasjonskapsler på nettsiden sin uten samtykke fra de besøkende.", False),
        ("Meld deg på nyhetsbrevet vårt", True),
        ("Mest lest", True),
        ("Del på Facebook", True),
        ("Var denne artikkelen nyttig?", True),
        ("(NTB)", True),
        ("© 2024 Mediehuset Eksempel. Alle rettigheter forbeholdt.", True),
        ("Tilbake til forsiden", True),
        ("Denne artikkelen er for abonnenter.", True),
        ("Har du tips om saken? Kontakt oss på tips@avis.no.", True),
    ],
    "cs": [
        ("Hlavní stránka > Zprávy > Domácí", True),
        ("Autor: Jan Novák", True),
        ("Aktualizováno 12. 3. 2024 14:30", True),
        ("Čtení na 3 minuty", True),
        ("Zastupitelstvo města schválilo v pondělí večer po dlouhé debatě rozpočet na příští rok. Opozice kritizovala především plánované škrty ve školách.", False),
        ("Foto: Petr Svoboda, ČTK", True),
        ("Reklama na sázkové kanceláře bude ještě více omezena, oznámila vláda, která chce chránit především nejmladší diváky.", False),
        ("Reklama", True),
        ("Čtěte také: Proč nájmy ve městech dál rostou", True),
        ("Spolek už léta rozesílá svým členům newsletter o práci radnice. Nově bude vycházet také na internetu.", False),
        ("Úřad pro ochranu osobních údajů navíc prověřuje, zda město na svém webu ukládalo cookies bez souhlasu návštěvníků.", False),
        ("Přihlaste se k odběru newsletteru", True),
        ("Související články", True),
        ("Sdílet na Facebooku", True),
        ("Byl pro vás tento článek užitečný?", True),
        ("(ČTK)", True),
        ("© 2024 Vydavatelství Příklad, a.s. Všechna práva vyhrazena.", True),
        ("Zpět na hlavní stránku", True),
        ("Pokračování článku pod reklamou", True),
        ("Tento článek je dostupný pouze pro předplatitele.", True),
    ],
    "sv": [
        ("Startsida > Nyheter > Inrikes", True),
        ("Av Anna Svensson", True),
        ("Publicerad 12 mars 2024 kl. 14.30", True),
        ("Lästid: 3 min", True),
        ("Kommunfullmäktige antog på måndagskvällen budgeten för nästa år efter en lång debatt. Oppositionen kritiserade framför allt de planerade nedskärningarna i skolorna.", False),
        ("Foto: Erik Lindberg/TT", True),
        ("Annonsen för spelbolaget drogs tillbaka efter klagomål från föräldrar, bekräftade en talesperson för kommunen.", False),
        ("ANNONS", True),
        ("Läs också: Därför fortsätter hyrorna att stiga", True),
        ("Föreningen har i många år skickat ett nyhetsbrev till medlemmarna om arbetet i stadshuset. Nu ska det också publiceras på nätet.", False),
        ("Integritetsskyddsmyndigheten granskar dessutom om kommunen använde kakor på sin webbplats utan samtycke från besökarna.", False),
        ("Prenumerera på vårt nyhetsbrev", True),
        ("Mest läst", True),
        ("Dela på Facebook", True),
        ("Var den här artikeln till hjälp?", True),
        ("(TT)", True),
        ("© 2024 Mediehuset Exempel AB. Alla rättigheter förbehållna.", True),
        ("Till startsidan", True),
        ("Redan prenumerant? Logga in", True),
        ("Ansvarig utgivare: Anna Svensson", True),
    ],
    "da": [
        ("Forside > Nyheder > Indland", True),
        ("Af Hans Hansen", True),
        ("Publiceret 12. marts 2024 kl. 14.30", True),
        ("Læsetid: 3 min", True),
        ("Byrådet vedtog mandag aften budgettet for næste år efter en lang debat. Oppositionen kritiserede især de planlagte nedskæringer på skolerne.", False),
        ("Foto: Mette Jensen/Ritzau Scanpix", True),
        ("Annoncen for spilselskabet blev trukket tilbage efter klager fra forældre, bekræftede en talsperson for kommunen.", False),
        ("ANNONCE", True),
        ("Læs også: Derfor stiger huslejen fortsat", True),
        ("Foreningen har i mange år sendt et nyhedsbrev til medlemmerne om arbejdet på rådhuset. Nu skal det også udgives på nettet.", False),
        ("Datatilsynet undersøger desuden, om kommunen brugte cookies på sin hjemmeside uden samtykke fra de besøgende.", False),
        ("Tilmeld dig nyhedsbrevet", True),
        ("Mest læste", True),
        ("Del på Facebook", True),
        ("Var denne artikel nyttig?", True),
        ("/ritzau/", True),
        ("© 2024 Mediehuset Eksempel A/S. Alle rettigheder forbeholdes.", True),
        ("Til forsiden", True),
        ("Denne artikel er kun for abonnenter.", True),
    ],
    "fi": [
        ("Etusivu > Uutiset > Kotimaa", True),
        ("Teksti: Matti Virtanen", True),
        ("Julkaistu 12.3.2024 14:30", True),
        ("Lukuaika: 3 min", True),
        ("Kaupunginvaltuusto hyväksyi maanantai-iltana pitkän keskustelun jälkeen ensi vuoden talousarvion. Oppositio arvosteli erityisesti kouluihin suunniteltuja leikkauksia.", False),
        ("Kuva: Jussi Nukari / Lehtikuva", True),
        ("Mainos vedettiin pois vanhempien valitusten jälkeen, vahvisti kaupungin tiedottaja.", False),
        ("MAINOS", True),
        ("Lue myös: Tästä syystä vuokrat nousevat edelleen", True),
        ("Yhdistys on lähettänyt jäsenilleen jo vuosia uutiskirjeen kaupungintalon työstä. Nyt se julkaistaan myös verkossa.", False),
        ("Tietosuojavaltuutettu selvittää lisäksi, käyttikö kaupunki verkkosivuillaan evästeitä ilman kävijöiden suostumusta.", False),
        ("Tilaa uutiskirje", True),
        ("Luetuimmat", True),
        ("Jaa Facebookissa", True),
        ("Oliko tästä artikkelista hyötyä?", True),
        ("(STT)", True),
        ("© 2024 Esimerkki Media Oy. Kaikki oikeudet pidätetään.", True),
        ("Takaisin etusivulle", True),
        ("Tämä artikkeli on vain tilaajille.", True),
        ("Juttu jatkuu mainoksen jälkeen", True),
    ],
}

#: Body sentences and short headings built from the clutter's own vocabulary: under their
#: language's rules, every one must stay whole.
TRAPS: dict[str, list[str]] = {
    "de": [
        "Der erste Monat gratis war nur ein Lockangebot, urteilte das Gericht.",
        "Die Familie will Anzeige gegen Unbekannt erstatten.",
        "Werbung im Fernsehen soll für Kinder strenger geregelt werden.",
        "Teilen Sie Ihre Erfahrungen mit uns, bat die Polizei die Zeugen.",
        "Von Montag an gilt in der Innenstadt Tempo 30.",
        "Diskussion",
        "Reaktionen",
        "Ergebnisse",
        "Kontakt zur Außenwelt hatten die Bergleute erst nach fünf Tagen.",
        "Unterstützt den Antrag haben zwanzig Abgeordnete der Koalition.",
        "Folgen Sie uns nicht, rief der Entführer den Polizisten zu.",
        "Das Foto ging um die Welt und machte die Fotografin berühmt.",
        "Jetzt kostenlos: Museen öffnen am Sonntag ihre Türen für alle.",
        "Mehr zur Lage sagte der Minister am Abend nicht.",
        "Evan Gershkovich ist Reporter beim Wall Street Journal. Er wurde 2023 in Russland verhaftet.",
        "Redaktion: Die Zeitung wird künftig von zwei Chefs geleitet.",
        "Die Anleger erlitten einen Totalverlust des eingesetzten Kapitals, als der Fonds zusammenbrach.",
        "Für Sie ausgewählt hat der Sommelier drei Weine aus der Pfalz.",
        "Schlagworte wie „Remigration“ verbreiten sich im Netz schnell.",
        "Jetzt bei Aldi kaufen viele Familien ihre Schulsachen, sagt der Handelsverband.",
    ],
    "fr": [
        "Le contrat est résiliable à tout moment, a rappelé l'avocat.",
        "La publicité mensongère est punie par la loi.",
        "Partager les tâches ménagères reste un combat, selon l'étude.",
        "Soutenir le journalisme local est une priorité, a affirmé la ministre.",
        "Réactions",
        "Par ailleurs, le maire a promis de nouveaux logements.",
        "Photo de famille pour les dirigeants européens à Bruxelles.",
        "Contact",
        "Accueil chaleureux pour la délégation chinoise à l'Élysée.",
        "Publié par une petite maison d'édition, le roman s'est vendu à 10 000 exemplaires.",
        "Thèmes : le gouvernement veut parler des retraites, de la santé et de l'immigration.",
        "S'abonner à partir de 50 euros par mois devient un luxe pour les familles modestes.",
        "Vous avez repéré une erreur ? Le fisc peut la corriger, rappelle Bercy.",
        "Cet article a été mis à jour pour corriger le nom du maire, mal orthographié.",
        "Suivez l'actualité de près, conseille le professeur, sur les sites des journaux.",
        "Le 12 mars 2024 à 14h30, la police a été appelée pour un cambriolage.",
        "Le partenariat avec l'AFP a été renouvelé pour cinq ans.",
    ],
    "es": [
        "El contrato era sin permanencia, recordó el abogado ante el juez.",
        "La publicidad engañosa está castigada por la ley.",
        "Compartir las tareas domésticas sigue siendo un reto, según el estudio.",
        "Por la tarde, el alcalde prometió nuevas viviendas.",
        "Por el momento no hay heridos.",
        "Comentarios racistas en el estadio obligaron a parar el partido.",
        "Inicio de temporada complicado para el equipo local.",
        "Publicado por una pequeña editorial, el libro vendió 10.000 ejemplares.",
        "Temas: el Gobierno quiere hablar de pensiones, sanidad y migración en otoño.",
        "Suscribirse desde 20 euros al mes es un lujo para muchas familias.",
        "¿Ha encontrado un error en su declaración? Hacienda permite corregirla, recuerda la agencia.",
        "La noticia en desarrollo sobre el incendio obligó a cortar la carretera, según la Guardia Civil.",
        "Sigue la información del juicio, pidió el abogado a los periodistas presentes en la sala.",
        "Martes, 12 de marzo de 2024, el pleno aprobó el presupuesto.",
        "Contacto",
    ],
    "it": [
        "Il contratto era senza vincoli, ha ricordato l'avvocato al giudice.",
        "La pubblicità ingannevole è punita dalla legge.",
        "Condividere i lavori domestici resta una sfida, secondo lo studio.",
        "Di sera il sindaco ha promesso nuovi alloggi.",
        "Di Maio ha lasciato il partito nel 2022.",
        "Pubblicato da una piccola casa editrice, il romanzo ha venduto 10.000 copie.",
        "Argomenti: il governo vuole parlare di pensioni, sanità e migrazione in autunno.",
        "Abbonati da 20 euro al mese sono ormai la maggioranza dei lettori.",
        "Hai trovato un errore? Il fisco permette di correggere la dichiarazione, ricorda l'Agenzia.",
        "In aggiornamento i dati del ministero sulla pandemia.",
        "Ricevi le notizie sulla guerra su Telegram? Molti giovani sì, secondo il sondaggio.",
        "Aggiornato alle 14:30 il bollettino della Protezione civile segnala tre feriti.",
        "Commenti razzisti allo stadio hanno fatto sospendere la partita.",
        "Redazione",
        "Segui la diretta dalle 18 sul nostro sito, ha detto il presidente della Regione ai cittadini.",
    ],
    "pt": [
        "O contrato era sem fidelização, lembrou o advogado ao juiz.",
        "A publicidade enganosa é punida por lei.",
        "Partilhar as tarefas domésticas continua a ser um desafio, segundo o estudo.",
        "Por volta das 18 horas, o presidente da câmara prometeu novas casas.",
        "Por Lisboa e pelo Porto passaram milhares de turistas.",
        "Apoia o projeto a maioria dos deputados, segundo a imprensa.",
        "Publicado por uma pequena editora, o livro vendeu 10 mil exemplares.",
        "Temas: o Governo quer falar de pensões, saúde e migrações no outono.",
        "Assinatura a partir de 50 euros por mês é um luxo para muitas famílias.",
        "Encontrou algum erro na declaração? Entre em contato com a Receita.",
        "A reprodução assistida cresceu 20% no Brasil.",
        "Acompanhe as informações no canal oficial da Defesa Civil, pediu o prefeito.",
        "Os comentários ofensivos do deputado não serão publicados no Diário Oficial, informou a Mesa.",
        "Compartilhar notícia falsa é crime, lembra o TSE.",
        "Comentários racistas no estádio obrigaram a parar o jogo.",
        "Contato",
    ],
    "nl": [
        "Het contract was maandelijks opzegbaar, herinnerde de advocaat de rechter.",
        "Misleidende reclame is strafbaar, oordeelde de rechter.",
        "Het huishouden delen blijft een uitdaging, blijkt uit het onderzoek.",
        "Door de storm vielen in het hele land bomen om.",
        "Door Rotterdam reden maandag geen trams.",
        "Reacties van omwonenden waren overwegend positief.",
        "Vacatures",
        "Steun voor het kabinet daalt verder in de peilingen.",
        "Volgens de minister is het liveblog van de overheid niet bijgewerkt.",
        "Heb je een tip voor de tuin? Water 's ochtends, zegt de hovenier.",
        "De partij is nu ook op TikTok actief om jongeren te bereiken.",
    ],
    "pl": [
        "Umowa była bez zobowiązań, przypomniał adwokat przed sądem.",
        "Wprowadzająca w błąd reklama jest karana przez prawo.",
        "Dzielenie się obowiązkami domowymi pozostaje wyzwaniem, wynika z badania.",
        "Autor nagrody otrzymał wyróżnienie od prezydenta.",
        "Praca",
        "Komentarze polityków po wyborach były bardzo ostre.",
        "Zdjęcie przedstawia burmistrza podczas otwarcia mostu.",
        "Redakcja",
        "Opracowanie nowych przepisów potrwa rok.",
        "Zobacz, jak bardzo zmieniło się miasto przez ostatnie dziesięć lat.",
        "Nie przegap okazji, apelowali organizatorzy festiwalu do mieszkańców.",
    ],
    "no": [
        "Avtalen hadde ingen bindingstid, påpekte advokaten i retten.",
        "Annonsen i avisen kostet partiet 200 000 kroner.",
        "Del av boligen ble totalskadd i brannen.",
        "Av hensyn til personvernet vil politiet ikke si mer.",
        "Kommentarer fra statsministeren fikk opposisjonen til å reagere.",
        "Bildet viser ordføreren under åpningen av brua.",
        "Les mer om ordningen på nettsidene til Nav, oppfordrer direktøren.",
        "Mest lest i fjor var krimromanen som ble filmatisert.",
        "Følg oss, ropte demonstrantene til de andre i toget.",
        "Kontakt",
        "Rapporten ble publisert 12. mars 2024 av Riksrevisjonen.",
    ],
    "cs": [
        "Smlouva šla podle právníka zrušit kdykoli a bez sankcí.",
        "Reklama na alkohol je v Česku v televizi omezená.",
        "Sdílet auta mezi sousedy chce podle průzkumu čím dál víc lidí.",
        "Komentáře politiků po volbách byly velmi ostré.",
        "Diskuse o rozpočtu trvala ve Sněmovně do noci.",
        "Fotografie zachycuje starostu při otevření mostu.",
        "Čtěte také smlouvy před podpisem, radí spotřebitelská organizace.",
        "Předplatné novin zdražilo o deset procent, oznámil vydavatel.",
        "Zdroje z ministerstva informaci potvrdily.",
        "Redakce",
    ],
    "sv": [
        "Avtalet hade ingen bindningstid, påpekade advokaten i rätten.",
        "Annonsen i tidningen kostade partiet 200 000 kronor.",
        "Dela ut mat till hemlösa gör föreningen varje lördag.",
        "Av hänsyn till de anhöriga vill polisen inte säga mer.",
        "Kommentarer från statsministern fick oppositionen att reagera.",
        "Bilden visar borgmästaren när bron invigs.",
        "Läs mer om reglerna på Skatteverkets webbplats, uppmanar myndigheten.",
        "Följ oss, ropade demonstranterna till de andra i tåget.",
        "Källor inom regeringen bekräftar uppgifterna.",
        "Kontakt",
    ],
    "da": [
        "Aftalen havde ingen binding, påpegede advokaten i retten.",
        "Annoncen i avisen kostede partiet 200.000 kroner.",
        "Del af bygningen blev totalskadet ved branden.",
        "Af hensyn til de pårørende vil politiet ikke sige mere.",
        "Kommentarer fra statsministeren fik oppositionen til at reagere.",
        "Billedet viser borgmesteren ved indvielsen af broen.",
        "Læs mere om reglerne på Skattestyrelsens hjemmeside, opfordrer styrelsen.",
        "Følg os, råbte demonstranterne til de andre i optoget.",
        "Kilder i regeringen bekræfter oplysningerne.",
        "Kontakt",
    ],
    "fi": [
        "Sopimus oli irtisanottavissa milloin tahansa, muistutti asianajaja oikeudessa.",
        "Mainos maksoi puolueelle 20 000 euroa.",
        "Jaa kokemuksesi muiden kanssa, pyysi poliisi todistajia.",
        "Kommentit pääministeriltä saivat opposition reagoimaan.",
        "Kuva näyttää pormestarin sillan avajaisissa.",
        "Lue lisää säännöistä Verohallinnon sivuilta, kehottaa virasto.",
        "Suosittelemme kaikille rokotetta, sanoo ylilääkäri.",
        "Seuraa meitä, huusivat mielenosoittajat muille kulkueessa.",
        "Lähteet hallituksesta vahvistavat tiedot.",
        "Yhteystiedot",
    ],
}

# Languages whose documents are in DOCS so far; the parametrized tests pick them up.
LANGS = sorted(DOCS)


def _text(blocks: list[tuple[str, bool]]) -> str:
    return "\n\n".join(text for text, _ in blocks)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner.default()


@pytest.fixture(scope="module")
def forced(cleaner) -> dict[str, Cleaner]:
    """One cleaner per language that treats every document as that language."""
    return {lang: cleaner.with_settings(lang=lang) for lang in LANGS}


def assert_loses_exactly_its_clutter(result, blocks) -> None:  # type: ignore[no-untyped-def]
    """Each block of a test document ``(text, is_clutter)`` removed if and only if it is clutter."""
    assert len(result.decisions) == len(blocks)
    wrong = [
        (text, "removed" if is_clutter else "kept", d.rule_id)
        for (text, is_clutter), d in zip(blocks, result.decisions)
        if d.kept == is_clutter
    ]
    assert not wrong, "\n".join(f"should be {want}: {text!r} (rule {rule})" for text, want, rule in wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_document_loses_exactly_its_clutter(cleaner, lang):
    blocks = DOCS[lang]
    result = cleaner.clean(_text(blocks), input_format="text")
    assert result.metadata.language == lang
    assert_loses_exactly_its_clutter(result, blocks)


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_documents_language_fires(cleaner, lang):
    result = cleaner.clean(_text(DOCS[lang]), input_format="text")
    for d in result.decisions:
        if d.rule_id:
            languages = cleaner.rules.by_id[d.rule_id].languages
            assert languages is None or lang in languages, f"{d.rule_id} fired on a {lang} document"


@pytest.mark.parametrize("other", LANGS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_language_touches_another_languages_body(forced, lang, other):
    body = [(text, False) for text, is_clutter in DOCS[lang] if not is_clutter]
    result = forced[other].clean(_text(body), input_format="text")
    touched = [(blocks[0], d.rule_id) for blocks, d in zip(body, result.decisions) if not d.kept or d.text != blocks[0]]
    assert not touched, f"{other} rules changed {lang} body text: {touched}"


@pytest.mark.parametrize("lang", sorted(TRAPS))
def test_body_built_from_clutter_words_survives(forced, lang):
    blocks = TRAPS[lang]
    result = forced[lang].clean("\n\n".join(blocks), input_format="text")
    touched = [(text, d.rule_id) for text, d in zip(blocks, result.decisions) if not d.kept or d.text != text]
    assert not touched, f"{lang} rules changed body text: {touched}"


@pytest.mark.parametrize(
    ("lang", "caption", "credit"),
    [
        ("de", "Der Bürgermeister bei der Eröffnung der Brücke.", " (Foto: dpa)"),
        ("fr", "Des manifestants devant l'Assemblée nationale.", " © Jean Dupont / AFP"),
        ("es", "Manifestantes frente al Congreso.", " (Foto: EFE)"),
        ("it", "Manifestanti davanti a Montecitorio", " (foto LaPresse)"),
        ("pt", "Manifestantes em frente ao Congresso", " - Foto: Agência Brasil"),
        ("nl", "Demonstranten bij het Binnenhof.", " Beeld ANP"),
        ("pl", "Protestujący przed Sejmem.", " Fot. Jan Kowalski / Agencja Wyborcza.pl"),
        ("no", "Demonstranter foran Stortinget.", " Foto: Ola Nordmann / NTB"),
        ("cs", "Demonstranti před Sněmovnou.", " Foto: Jan Novák, ČTK"),
        ("sv", "Demonstranter utanför riksdagen.", " Foto: Erik Lindberg/TT"),
        ("da", "Demonstranter foran Christiansborg.", " Foto: Mette Jensen/Ritzau Scanpix"),
        ("fi", "Mielenosoittajat eduskuntatalon edessä.", " Kuva: Matti Virtanen / Lehtikuva"),
    ],
)
def test_inline_credit_is_cut_from_its_caption(forced, lang, caption, credit):
    result = forced[lang].clean(caption + credit, input_format="text")
    assert result.text == caption


def test_html_page_with_a_template_lang_attribute_gets_its_texts_rules(cleaner):
    """Many templates keep lang="en" on translated pages; long text in another language wins."""
    body = "".join(f"<p>{text}</p>" for text, is_clutter in DOCS["de"] if not is_clutter)
    page = (
        '<html lang="en"><head><title>Haushalt beschlossen</title></head><body><article>'
        f"<h1>Stadtrat beschließt Haushalt</h1>{body}<p>Newsletter abonnieren</p>"
        "</article></body></html>"
    )
    result = cleaner.clean(page, input_format="html")
    assert result.metadata.language == "de"
    assert "Newsletter abonnieren" not in result.text
    assert "Die Anzeige gegen den Bürgermeister" in result.text


ID_BLOCKS = {"de": (500, 569), "fr": (570, 639), "es": (640, 709), "it": (710, 779),
             "pt": (780, 849), "nl": (850, 919), "pl": (920, 989)}  # fmt: skip
#: Languages added later: four-digit blocks of 100, and not (yet) every category.
NEW_ID_BLOCKS = {"ja": (1000, 1099), "zh": (1100, 1199), "ko": (1200, 1299), "hi": (1300, 1399),
                 "no": (1400, 1499), "cs": (1500, 1599), "sv": (1600, 1699), "da": (1700, 1799),
                 "tr": (1800, 1899), "vi": (1900, 1999), "fi": (2000, 2099), "ru": (2100, 2199)}  # fmt: skip
PREFIX = {"newsletter": "NL", "feedback": "FB", "donation": "DN", "related": "RL", "share": "SH",
          "cookie": "CK", "advertising": "AD", "comments": "CM", "paywall": "PW", "promo": "PR",
          "media-credit": "MC", "byline": "BY", "legal": "LG", "navigation": "NV",
          "syndication": "SY", "editorial": "ED"}  # fmt: skip
#: Categories every language folder has; the others (editorial) a language may have.
CORE = set(PREFIX) - {"editorial"}


def test_language_folders_are_loaded_with_their_language_and_id_block(cleaner):
    """rules/generic/<lang>/<category>.yaml: found below the generic folder, one language per
    file, the category of its name, and ids from the language's block."""
    from cleaner.rules.sources import builtin_sources

    paths = [s.path for s in builtin_sources()]
    generic = [p for p in paths if "/sites/" not in p]
    assert paths[: len(generic)] == generic, "generic files must come before site files"
    seen: set[tuple[str, str]] = set()
    for rule in cleaner.rules.rules:
        parts = rule.path.split("/")
        if len(parts) != 4 or parts[1] != "generic":
            continue
        lang, category = parts[2], parts[3].removesuffix(".yaml")
        seen.add((lang, category))
        low, high = {**ID_BLOCKS, **NEW_ID_BLOCKS}[lang]
        assert rule.languages == frozenset([lang]), rule.id
        assert rule.category == category, rule.id
        assert rule.id[:2] == PREFIX[category] and low <= int(rule.id[2:]) <= high, rule.id
    # the first languages have every category; newer ones may have fewer
    assert {(lang, cat) for lang in ID_BLOCKS for cat in CORE} <= seen
    assert seen <= {(lang, cat) for lang in {**ID_BLOCKS, **NEW_ID_BLOCKS} for cat in PREFIX}


def test_prefilter_offers_every_rule_its_remove_examples(cleaner):
    """The literals derived from a rule's regexes must not hide the rule from its own clutter."""
    from cleaner.matching.index import AutomatonIndex
    from cleaner.matching.normalize import normalize

    rules = [r for r in cleaner.rules.rules if not r.is_dom]
    index = AutomatonIndex(rules)
    for i, rule in enumerate(rules):
        texts = [normalize(e.text) for e in rule.remove_examples]
        for text, offered in zip(texts, index.candidates(texts)):
            assert i in offered, f"{rule.id} not offered for {text!r}"
