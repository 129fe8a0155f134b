/* nd-bench.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store benchmark: builds a newsroom of N synthetic German items
 * through the real API (NdItem + nd_store_save_item), builds the same
 * rows with plain SQLite as a baseline, then measures search, open +
 * first page, file size and peak memory, and prints one table.
 *
 * A benchmark is not a test: it prints figures and asserts nothing on
 * time. The table is for developers and the README, so it is not
 * translated; messages about bad usage or failures are.
 */

#define G_LOG_DOMAIN "nd-bench"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-search-query.h"
#include "nd-store.h"
#include "nd-tag.h"

#define DEFAULT_ITEMS  100000
#define QUICK_ITEMS    10000
#define DEFAULT_ROUNDS 10
#define DEFAULT_OPENS  10
#define PROGRESS_EVERY 10000
#define SEARCH_LIMIT   50
#define PAGE_LIMIT     50

/* Every item whose index leaves this remainder gets the rare word, so a
 * 100k run has 20 hits and a 10k run has 2, whatever the seed. */
#define RARE_EVERY     5000
#define RARE_WORD      "Zwetschgendatschi"

/* A word in no item: the vocabulary has no form that starts with it. */
#define NOWHERE_WORD   "Xylophonkonzert"

/* ---------------------------------------------------------------------
 * Word lists
 * ------------------------------------------------------------------ */

/* Content words, most frequent first: the head of the vocabulary (see
 * vocabulary_build()), realistic words of a newsroom on clusters,
 * funding and innovation. The topic words editors search for
 * (Förderung, Netzwerk, Qualität, Mittelstand, Brüssel) sit in the
 * middle of this list, at ranks 95–300, not at its top: in such a
 * newsroom they are common but far from everywhere, about 8–20 % of
 * the items, while words like “Unternehmen” or “Projekt” are in
 * nearly half. */
static const char * const content_words[] = {
  "Unternehmen", "Projekt", "Region", "Wirtschaft", "Forschung", "Innovation",
  "Partner", "Digitalisierung", "Zusammenarbeit", "Programm", "Entwicklung",
  "Konferenz", "Veranstaltung", "Zukunft", "Ergebnisse", "Wettbewerb",
  "Unterstützung", "Hochschule", "Europa", "Deutschland", "Millionen", "Euro",
  "Prozent", "neue", "neuen", "gemeinsam", "wichtig", "erfolgreich",
  "Clusterkonferenz", "Clustermanagement", "Clusterinitiative",
  "Clusterpolitik", "Förderprogramm", "Ausschreibung", "Antrag", "Bewerbung",
  "Förderaufruf", "Workshop", "Tagung", "Fachtagung", "Vortrag",
  "Podiumsdiskussion", "Teilnehmer", "Teilnehmerinnen", "Referentin",
  "Referent", "Moderation", "Ergebnis", "Studie", "Bericht", "Umfrage",
  "Analyse", "Strategie", "Wachstum", "Märkte", "Markt", "Export", "Handel",
  "Industrie", "Handwerk", "Gründer", "Gründerinnen", "Start-ups",
  "Investition", "Investitionen", "Kapital", "Finanzierung", "Zuschuss",
  "Darlehen", "Bürgschaft", "Haushalt", "Ministerium", "Bundesministerium",
  "Landesregierung", "Kommission", "Europäische", "Parlament", "Abgeordnete",
  "Verordnung", "Richtlinie", "Gesetz", "Änderung", "Änderungen", "Übergang",
  "Überblick", "Übersicht", "Prüfung", "Genehmigung", "Zulassung", "Lösung",
  "Lösungen", "Größe", "Größenordnung", "Gebäude", "Gelände", "Förderung",
  "Gewerbegebiet", "Flächen", "Stadtwerke", "Energie", "Energiewende",
  "Wasserstoff", "Solarenergie", "Windkraft", "Speicher", "Batterie",
  "Mobilität", "Elektromobilität", "Verkehr", "Logistik", "Schiene", "Häfen",
  "Flughafen", "Klimaschutz", "Nachhaltigkeit", "Kreislaufwirtschaft",
  "Ressourcen", "Rohstoffe", "Wasser", "Umwelt", "Landwirtschaft",
  "Lebensmittel", "Ernährung", "Gesundheit", "Medizin", "Medizintechnik",
  "Pflege", "Krankenhaus", "Kliniken", "Biotechnologie", "Chemie",
  "Werkstoffe", "Materialien", "Kunststoffe", "Textil", "Maschinenbau",
  "Automobil", "Zulieferer", "Fahrzeuge", "Luftfahrt", "Raumfahrt",
  "Satelliten", "Software", "Daten", "Datenschutz", "Sicherheit", "Netzwerk",
  "Cybersicherheit", "Künstliche", "Intelligenz", "Plattform",
  "Schnittstelle", "Anwendung", "Anwendungen", "Produktion", "Fertigung",
  "Automatisierung", "Robotik", "Sensorik", "Elektronik", "Mikroelektronik",
  "Halbleiter", "Photonik", "Optik", "Laser", "Quantencomputer",
  "Hochschulen", "Universität", "Fraunhofer-Institut", "Institut",
  "Institute", "Wissenschaft", "Wissenschaftlerinnen", "Wissenschaftler",
  "Professorin", "Professor", "Doktorandinnen", "Studierende", "Ausbildung",
  "Weiterbildung", "Fachkräfte", "Fachkräftemangel", "Arbeitsmarkt",
  "Beschäftigte", "Mitarbeitende", "Geschäftsführer", "Geschäftsführerin",
  "Vorstand", "Vorsitzende", "Sprecherin", "Sprecher", "Bürgermeister",
  "Oberbürgermeisterin", "Landrat", "Ministerin", "Minister",
  "Staatssekretär", "Qualität", "Delegation", "Besuch", "Reise", "Messe",
  "Ausstellung", "Stand", "Gemeinschaftsstand", "Preis", "Auszeichnung",
  "Wettbewerbsfähigkeit", "Preisträger", "Jury", "Gewinner", "Gewinnerinnen",
  "Förderverein", "Verband", "Verbände", "Kammer", "Handelskammer",
  "Handwerkskammer", "Mitglieder", "Mitgliedschaft", "Geschäftsstelle",
  "Netzwerkpartner", "Kompetenzzentrum", "Technologietransfer", "Transfer",
  "Patent", "Patente", "Normen", "Standards", "Zertifizierung",
  "Qualitätssicherung", "Qualitätsmanagement", "Prozesse", "Verfahren",
  "Methoden", "Werkzeuge", "Pilotprojekt", "Modellregion", "Reallabor",
  "Testfeld", "Demonstrator", "Prototyp", "Markteinführung", "Kunden",
  "Kundinnen", "Bedarf", "Nachfrage", "Angebot", "Mittelstand",
  "Dienstleistung", "Dienstleistungen", "Beratung", "Begleitung",
  "Vernetzung", "Austausch", "Dialog", "Kooperation", "Kooperationen",
  "Allianz", "Konsortium", "Förderzeitraum", "Laufzeit", "Jahre", "Monate",
  "Woche", "Frühjahr", "Sommer", "Herbst", "Winter", "Januar", "Februar",
  "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
  "November", "Dezember", "Berlin", "München", "Hamburg", "Köln",
  "Düsseldorf", "Stuttgart", "Nürnberg", "Dresden", "Leipzig", "Hannover",
  "Bremen", "Saarbrücken", "Mainz", "Wiesbaden", "Erfurt", "Magdeburg",
  "Potsdam", "Schwerin", "Brüssel", "Kiel", "Straßburg", "Luxemburg",
  "Österreich", "Schweiz", "Frankreich", "Dänemark", "Polen", "Tschechien",
  "Bundesländer", "Kommunen", "Landkreise", "digitale", "nachhaltige",
  "innovative", "regionale", "europäische", "internationale",
  "mittelständische", "kleine", "größte", "höhere", "zusätzliche", "künftig",
  "bereits", "weiterhin", "deutlich", "stärker", "schneller", "öffentliche",
  "wirtschaftliche", "technische", "wissenschaftliche", "präsentiert",
  "vorgestellt", "eröffnet", "gefördert", "unterstützt", "entwickelt",
  "veröffentlicht", "ausgezeichnet", "gegründet", "erweitert", "fördert",
  "stärkt", "verbessert", "ermöglicht", "beschleunigt", "informiert",
  "diskutiert", "berichtet", "erklärt", "betont", "begrüßt", "kündigt",
  "plant", "startet", "zeigt", "bietet", "sucht", "lädt", "Bürgerinnen",
  "Bürger", "Öffentlichkeit", "Gesellschaft", "Politik", "Verwaltung",
  "Behörden", "Förderbank", "Fördermittel", "Milliarden", "Zahl", "Anteil",
  "Umsatz", "Gewinn", "Kosten", "Preise", "Tarif", "Vertrag", "Verträge",
  "Vereinbarung", "Absichtserklärung", "Memorandum", "Grundsteinlegung",
  "Spatenstich", "Richtfest", "Einweihung", "Jubiläum", "Jahrestag",
  "Festakt", "Empfang", "Gäste", "Grußwort", "Keynote", "Impulsvortrag",
  "Fachforum", "Arbeitsgruppe", "Beirat", "Lenkungskreis", "Gremium",
  "Sitzung", "Beschluss", "Entscheidung", "Zustimmung", "Kritik",
  "Herausforderungen", "Chancen", "Risiken", "Potenziale", "Perspektiven",
  "Ziele", "Maßnahmen", "Schwerpunkte", "Themen", "Fragen", "Antworten",
  "Erfahrungen", "Beispiele", "Praxis", "Alltag", "Zukunftsfähigkeit",
  "Resilienz", "Lieferketten", "Fördermöglichkeiten", "Förderquote",
  "Eigenanteil",
};

/* Function words, most frequent first, in about the order of a German
 * frequency list: they take the top ranks of the vocabulary, and so
 * about 42 % of the running words, and the first few are in every item. */
static const char * const function_words[] = {
  "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich",
  "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als",
  "auch", "es", "an", "werden", "aus", "hat", "nach", "bei", "einer", "um",
  "am", "sind", "noch", "wie", "einem", "über", "einen", "zum", "haben",
  "oder", "aber", "vor", "zur", "bis", "mehr", "durch", "wird", "wurde",
  "unter", "gegen", "ohne", "vom", "sowie",
};

static const char * const sentence_starts[] = {
  "Die", "Der", "Das", "Im", "Mit", "Für", "Auf", "Nach", "Bei", "Zur",
  "Zum", "Über", "Auch", "Unter", "Seit",
};

/* About 200 tags: topics, places, formats and programmes. */
static const char * const tag_words[] = {
  "Förderung", "Mittelstand", "Netzwerk", "Forschung", "Innovation",
  "Digitalisierung", "Qualität", "Clusterkonferenz", "Clustermanagement",
  "Brüssel", "Europa", "EU-Förderung", "Horizont Europa", "EFRE", "ESF+",
  "Interreg", "COSME", "Binnenmarkt", "Außenwirtschaft", "Export",
  "Fachkräfte", "Ausbildung", "Weiterbildung", "Hochschule", "Transfer",
  "Start-ups", "Gründung", "Finanzierung", "Wagniskapital", "Energie",
  "Energiewende", "Wasserstoff", "Photovoltaik", "Windenergie", "Speicher",
  "Klimaschutz", "Nachhaltigkeit", "Kreislaufwirtschaft", "Rohstoffe",
  "Mobilität", "Elektromobilität", "Logistik", "Schienenverkehr",
  "Luftfahrt", "Raumfahrt", "Maschinenbau", "Automobil", "Zulieferer",
  "Chemie", "Kunststoffe", "Werkstoffe", "Textil", "Medizintechnik",
  "Gesundheit", "Pflege", "Biotechnologie", "Lebensmittel", "Landwirtschaft",
  "Ernährung", "Tourismus", "Kultur", "Kreativwirtschaft", "Handwerk",
  "Handel", "Dienstleistungen", "Software", "Künstliche Intelligenz",
  "Cybersicherheit", "Datenschutz", "Cloud", "Industrie 4.0", "Robotik",
  "Sensorik", "Mikroelektronik", "Halbleiter", "Photonik", "Quantentechnologie",
  "Batterien", "Bauwirtschaft", "Smart City", "Breitband", "5G",
  "Verwaltung", "Vergabe", "Normung", "Zertifizierung", "Patente",
  "Qualitätsmanagement", "Lieferketten", "Resilienz", "Fachkräftemangel",
  "Frauen in MINT", "Diversität", "Internationalisierung", "Messe",
  "Gemeinschaftsstand", "Delegationsreise", "Workshop", "Webinar",
  "Konferenz", "Fachforum", "Preisverleihung", "Wettbewerb", "Studie",
  "Umfrage", "Positionspapier", "Pressemitteilung", "Jahresbericht",
  "Newsletter", "Podcast", "Interview", "Porträt", "Baden-Württemberg",
  "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
  "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen",
  "Rheinland-Pfalz", "Saarland", "Sachsen", "Sachsen-Anhalt",
  "Schleswig-Holstein", "Thüringen", "München", "Köln", "Düsseldorf",
  "Stuttgart", "Nürnberg", "Dresden", "Leipzig", "Hannover", "Saarbrücken",
  "Mainz", "Wiesbaden", "Erfurt", "Magdeburg", "Potsdam", "Schwerin", "Kiel",
  "Frankfurt", "Essen", "Dortmund", "Bochum", "Münster", "Aachen", "Bonn",
  "Karlsruhe", "Mannheim", "Freiburg", "Ulm", "Augsburg", "Regensburg",
  "Würzburg", "Jena", "Chemnitz", "Rostock", "Lübeck", "Göttingen",
  "Kassel", "Osnabrück", "Oldenburg", "Bielefeld", "Paderborn", "Siegen",
  "Trier", "Koblenz", "Kaiserslautern", "Straßburg", "Luxemburg",
  "Österreich", "Schweiz", "Frankreich", "Polen", "Tschechien", "Dänemark",
  "Niederlande", "Belgien", "Italien", "Spanien", "Skandinavien",
  "Baltikum", "Ostseeraum", "Alpenraum", "Donauraum", "Grenzregion",
  "Ländlicher Raum", "Stadtentwicklung", "Wohnungsbau", "Infrastruktur",
  "Wasserwirtschaft", "Forstwirtschaft", "Fischerei", "Meerestechnik",
  "Offshore", "Hafenwirtschaft", "Bioökonomie", "Agrartechnik",
  "Ökologischer Landbau", "Gesundheitswirtschaft", "E-Health",
  "Telemedizin", "Pharma", "Kosmetik", "Design", "Mode", "Games",
  "Film", "Musikwirtschaft", "Verlagswesen", "Jubiläum", "Personalien",
  "Mitgliederversammlung", "Beirat", "Kooperation", "Allianz",
};

static const char * const first_names[] = {
  "Anna", "Jörg", "Lena", "Matthias", "Sophie", "Jürgen", "Marie", "Björn",
  "Katharina", "Günter", "Julia", "Stefan", "Lea", "Andreas", "Hannah",
  "Thomas", "Miriam", "Sören", "Franziska", "Uwe",
};

static const char * const last_names[] = {
  "Müller", "Schröder", "Köhler", "Jäger", "Günther", "Böhm", "Schäfer",
  "Wagner", "Becker", "Hoffmann", "Krüger", "Weiß", "Fuchs", "Hähnel",
  "Lange", "Wöhrle", "Schulz", "Möller", "Zimmermann", "Bär",
};

static const char * const agencies[] = {
  "dpa", "Pressestelle", "Fotoagentur Nord", "Bildarchiv Süd", "privat",
  "Clusterbüro",
};

/* ---------------------------------------------------------------------
 * The generated vocabulary: compounds and inflections
 * ------------------------------------------------------------------ */

/* German builds most of its word forms: compounds of a first part and a
 * noun, each noun in its inflected forms, and adjectives with their
 * endings. These lists make the long tail of the vocabulary, about
 * 25,000 forms, most of them rare, as in real text. */
static const char * const compound_stems[] = {
  "Förder", "Cluster", "Energie", "Forschungs", "Innovations", "Wirtschafts",
  "Unternehmens", "Netzwerk", "Digital", "Daten", "Klima", "Umwelt",
  "Wasserstoff", "Verkehrs", "Mobilitäts", "Gesundheits", "Bildungs",
  "Hochschul", "Wissenschafts", "Technologie", "Industrie", "Handwerks",
  "Export", "Markt", "Qualitäts", "Sicherheits", "Software", "Produktions",
  "Fach", "Arbeits", "Personal", "Projekt", "Landes", "Bundes", "Europa",
  "Regional", "Stadt", "Kommunal", "Struktur", "Wachstums", "Investitions",
  "Finanz", "Steuer", "Haushalts", "Bau", "Wohnungs", "Agrar", "Lebensmittel",
  "Medizin", "Pflege", "Chemie", "Material", "Werkstoff", "Kunststoff",
  "Batterie", "Solar", "Wind", "Strom", "Wärme", "Gas", "Wasser", "Abfall",
  "Recycling", "Logistik", "Hafen", "Luftfahrt", "Raumfahrt", "Automobil",
  "Maschinen", "Anlagen", "Roboter", "Sensor", "Laser", "Halbleiter", "Chip",
  "Cyber", "Cloud", "Plattform", "Gründungs", "Transfer", "Kooperations",
  "Partner", "Mitglieder", "Kunden", "Verbraucher", "Zukunfts", "Modell",
  "Pilot", "Test", "Weiterbildungs", "Ausbildungs", "Kompetenz", "Beratungs",
  "Service", "Dienstleistungs", "Kultur", "Tourismus", "Kreativ", "Medien",
  "Presse", "Kommunikations", "Informations", "Veranstaltungs", "Konferenz",
  "Messe", "Preis", "Wettbewerbs", "Gesamt", "Jahres", "Grenz",
  "Nachhaltigkeits", "Kreislauf", "Ressourcen", "Rohstoff", "Liefer",
  "Beschaffungs", "Vergabe", "Normungs", "Patent", "Lizenz", "Verwaltungs",
  "Genehmigungs", "Planungs", "Entwicklungs", "Versorgungs", "Netz",
  "Speicher", "Fahrzeug", "Schienen", "Flughafen", "Gewerbe", "Handels",
  "Branchen", "Mittelstands", "Spitzen", "Schlüssel", "Agentur", "Abwasser",
  "Akku", "Alters", "Anbieter", "Antriebs", "Arzneimittel", "Auftrags",
  "Ausbau", "Außenhandels", "Auto", "Bahn", "Beschäftigungs", "Betriebs",
  "Bio", "Boden", "Brennstoff", "Bürger", "Campus", "Dach", "Demografie",
  "Design", "Dienst", "Drohnen", "Eisen", "Elektro", "Emissions",
  "Engineering", "Erdgas", "Ernte", "Erprobungs", "Fahrrad", "Familien",
  "Feld", "Fenster", "Fertigungs", "Flotten", "Forst", "Frauen", "Fracht",
  "Frei", "Fusions", "Garten", "Gebäude", "Geld", "Gemeinde", "Geschäfts",
  "Getreide", "Glas", "Gleich", "Grund", "Güter", "Hilfs", "Holz", "Hybrid",
  "Hygiene", "Immobilien", "Impf", "Kapital", "Karriere", "Kinder", "Klinik",
  "Kohle", "Konjunktur", "Kraftwerks", "Krankenhaus", "Kredit", "Küsten",
  "Labor", "Land", "Lehr", "Leistungs", "Licht", "Luft", "Meeres", "Mess",
  "Metall", "Miet", "Milch", "Mobilfunk", "Motor", "Nachwuchs", "Nano",
  "Natur", "Online", "Papier", "Pharma", "Photonik", "Post", "Praxis",
  "Produkt", "Quanten", "Rad", "Rechen", "Rechts", "Reise", "Rettungs",
  "Rohr", "Sanierungs", "Schul", "Schutz", "Schwerpunkt", "Senioren", "Smart",
  "Sozial", "Spezial", "Sport", "Sprach", "Staats", "Stahl", "Standort",
  "Start", "Stiftungs", "Studien", "Tarif", "Technik", "Textil", "Tier",
  "Trink", "Umbau", "Umsatz", "Universitäts", "Verbands", "Vertriebs",
  "Video", "Wald", "Waren", "Wein", "Welt", "Werks", "Wert", "Wetter", "Wohn",
  "Zell", "Zoll", "Zucker",
};

/* How a noun inflects: the endings of its forms, the first one being
 * the bare noun. */
typedef enum
{
  NOUN_STRONG,       /* Programm, Programms, Programme, Programmen */
  NOUN_STRONG_ES,    /* Prozess, Prozesses, Prozesse, Prozessen */
  NOUN_WEAK_EN,      /* Förderung, Förderungen */
  NOUN_WEAK_N,       /* Strategie, Strategien */
  NOUN_ER,           /* Partner, Partners, Partnern */
  NOUN_S,            /* Management, Managements */
  NOUN_IN,           /* Referentin, Referentinnen */
  N_NOUN_CLASSES
} NounClass;

static const char * const noun_endings[N_NOUN_CLASSES][5] = {
  [NOUN_STRONG] = { "", "s", "e", "en", NULL },
  [NOUN_STRONG_ES] = { "", "es", "e", "en", NULL },
  [NOUN_WEAK_EN] = { "", "en", NULL },
  [NOUN_WEAK_N] = { "", "n", NULL },
  [NOUN_ER] = { "", "s", "n", NULL },
  [NOUN_S] = { "", "s", NULL },
  [NOUN_IN] = { "", "nen", NULL },
};

typedef struct
{
  const char *noun;
  NounClass   inflection;
} CompoundNoun;

static const CompoundNoun compound_nouns[] = {
  { "Programm", NOUN_STRONG }, { "Projekt", NOUN_STRONG },
  { "Konferenz", NOUN_WEAK_EN }, { "Strategie", NOUN_WEAK_N },
  { "Netzwerk", NOUN_STRONG }, { "Förderung", NOUN_WEAK_EN },
  { "Politik", NOUN_WEAK_EN }, { "Agentur", NOUN_WEAK_EN },
  { "Initiative", NOUN_WEAK_N }, { "Plattform", NOUN_WEAK_EN },
  { "Management", NOUN_S }, { "Wende", NOUN_WEAK_N },
  { "Bericht", NOUN_STRONG }, { "Studie", NOUN_WEAK_N },
  { "Analyse", NOUN_WEAK_N }, { "Konzept", NOUN_STRONG },
  { "Modell", NOUN_STRONG }, { "Partner", NOUN_ER },
  { "Mittel", NOUN_ER }, { "Quote", NOUN_WEAK_N },
  { "Aufruf", NOUN_STRONG }, { "Bank", NOUN_WEAK_EN },
  { "Preis", NOUN_STRONG_ES }, { "Wettbewerb", NOUN_STRONG },
  { "Forum", NOUN_S }, { "Tag", NOUN_STRONG },
  { "Woche", NOUN_WEAK_N }, { "Messe", NOUN_WEAK_N },
  { "Reise", NOUN_WEAK_N }, { "Delegation", NOUN_WEAK_EN },
  { "Kooperation", NOUN_WEAK_EN }, { "Allianz", NOUN_WEAK_EN },
  { "Gruppe", NOUN_WEAK_N }, { "Kreis", NOUN_STRONG_ES },
  { "Beirat", NOUN_S }, { "Büro", NOUN_S },
  { "Stelle", NOUN_WEAK_N }, { "Leitung", NOUN_WEAK_EN },
  { "Beratung", NOUN_WEAK_EN }, { "Begleitung", NOUN_WEAK_EN },
  { "Forschung", NOUN_WEAK_EN }, { "Entwicklung", NOUN_WEAK_EN },
  { "Anwendung", NOUN_WEAK_EN }, { "Lösung", NOUN_WEAK_EN },
  { "Technik", NOUN_WEAK_EN }, { "Technologie", NOUN_WEAK_N },
  { "Infrastruktur", NOUN_WEAK_EN }, { "Versorgung", NOUN_WEAK_EN },
  { "Sicherheit", NOUN_WEAK_EN }, { "Qualität", NOUN_WEAK_EN },
  { "Kompetenz", NOUN_WEAK_EN }, { "Region", NOUN_WEAK_EN },
  { "Standort", NOUN_STRONG }, { "Gebiet", NOUN_STRONG },
  { "Fläche", NOUN_WEAK_N }, { "Anlage", NOUN_WEAK_N },
  { "Speicher", NOUN_ER }, { "Netz", NOUN_STRONG_ES },
  { "System", NOUN_STRONG }, { "Prozess", NOUN_STRONG_ES },
  { "Verfahren", NOUN_S }, { "Plan", NOUN_S },
  { "Ziel", NOUN_STRONG }, { "Bilanz", NOUN_WEAK_EN },
  { "Kette", NOUN_WEAK_N }, { "Wirtschaft", NOUN_WEAK_EN },
  { "Industrie", NOUN_WEAK_N }, { "Branche", NOUN_WEAK_N },
  { "Unternehmen", NOUN_S }, { "Gründung", NOUN_WEAK_EN },
  { "Finanzierung", NOUN_WEAK_EN }, { "Investition", NOUN_WEAK_EN },
  { "Vertrag", NOUN_S }, { "Vereinbarung", NOUN_WEAK_EN },
  { "Gesellschaft", NOUN_WEAK_EN }, { "Verein", NOUN_STRONG },
  { "Akademie", NOUN_WEAK_N }, { "Schule", NOUN_WEAK_N },
  { "Labor", NOUN_STRONG }, { "Park", NOUN_S },
  { "Zentrale", NOUN_WEAK_N }, { "Team", NOUN_S },
  { "Rat", NOUN_S }, { "Offensive", NOUN_WEAK_N },
  { "Pakt", NOUN_STRONG }, { "Dialog", NOUN_STRONG },
  { "Austausch", NOUN_STRONG_ES }, { "Transfer", NOUN_S },
  { "Manager", NOUN_ER }, { "Managerin", NOUN_IN },
  { "Referentin", NOUN_IN }, { "Expertin", NOUN_IN },
  { "Leiterin", NOUN_IN }, { "Beauftragte", NOUN_WEAK_N },
};

/* Adjective stems, with the endings of their declension. */
static const char * const adjective_stems[] = {
  "digital", "regional", "europäisch", "international", "innovativ",
  "nachhaltig", "mittelständisch", "öffentlich", "wirtschaftlich",
  "technisch", "wissenschaftlich", "neu", "klein", "stark", "erfolgreich",
  "gemeinsam", "zusätzlich", "künftig", "deutsch", "industriell",
  "kommunal", "national", "global", "ökologisch", "sozial", "politisch",
  "strategisch", "zentral", "lokal", "modern", "klimaneutral", "erneuerbar",
  "intelligent", "vernetzt", "praktisch", "wichtig", "aktuell", "jährlich",
  "bundesweit", "landesweit", "grenzüberschreitend", "branchenübergreifend",
  "interdisziplinär", "kostenlos", "mehrjährig", "umfangreich", "konkret",
  "effizient", "flexibel", "sicher",
};

static const char * const adjective_endings[] = {
  "", "e", "en", "er", "es", "em",
};

/* Regular verbs, by stem: “förder” makes fördern, fördert, förderte,
 * gefördert, fördernd… (see add_verb_forms()). */
static const char * const verb_stems[] = {
  "förder", "stärk", "plan", "start", "zeig", "such", "mach", "sag",
  "frag", "lern", "leb", "wirk", "bau", "kauf", "verkauf", "nutz",
  "schütz", "stell", "hol", "zahl", "spiel", "füll", "prüf", "feier",
  "änder", "verbesser", "erweiter", "sicher", "liefer", "steuer",
  "bewert", "beantrag", "beauftrag", "bestell", "betreu", "entwickel",
  "informier", "diskutier", "präsentier", "organisier", "koordinier",
  "investier", "finanzier", "digitalisier", "produzier", "reduzier",
  "optimier", "realisier", "analysier", "publizier", "kommunizier",
  "integrier", "etablier", "qualifizier", "zertifizier", "implementier",
  "moderier", "demonstrier", "kooperier", "profitier", "reagier",
  "konzentrier", "engagier", "interessier", "akzeptier", "kritisier",
  "garantier", "positionier", "transformier", "automatisier",
  "modernisier", "intensivier", "evaluier", "brauch", "glaub", "hoff",
  "kämpf", "lenk", "lös", "merk", "öffn", "rechn", "zeichn", "ordn",
  "wünsch", "setz", "schätz", "streb", "vernetz", "bündel", "teil",
  "verteil", "wähl", "erzähl", "erklär", "beschleunig", "ermöglich",
  "bestätig", "berücksichtig", "beschäftig", "benötig", "begrüß",
};

/* Place names in the manner of German towns: a first part and an
 * ending, “Oberhausen”, “Lindenfeld”. */
static const char * const town_starts[] = {
  "Alt", "Neu", "Ober", "Unter", "Nieder", "Hohen", "Groß", "Klein", "Bad",
  "Berg", "Wald", "Burg", "Kirch", "Mühl", "Stein", "Eich", "Linden",
  "Rosen", "Wolfs", "Hirsch", "Fried", "Bischofs", "Königs", "Mark", "Hof",
  "Sonnen", "Bruch", "Tann", "Buch", "Brunn", "Weiden", "Wiesen", "Heiden",
  "Herren", "Schön", "Rot", "Weiß", "Schwarz", "Lauter", "Lichten",
  "Oster", "Wester", "Norder", "Süder", "Ost", "West", "Nord", "Süd",
  "Hasel", "Erlen",
};

static const char * const town_ends[] = {
  "heim", "dorf", "hausen", "ingen", "burg", "stadt", "feld", "bach",
  "berg", "au", "rode", "hagen", "brück", "born", "walde", "kirchen",
  "weiler", "münster", "furt", "stedt", "leben", "beck", "ow", "itz",
};

/* The whole vocabulary in rank order: the function words, the content
 * head, then the generated tail. Words are drawn with a Zipf
 * distribution over the ranks, P(rank k) ∝ 1/k (exponent 1.0), through
 * a cumulative table and a binary search: one g_rand_double() per word. */
typedef struct
{
  GPtrArray    *words;         /* (element-type utf8): static or in @chunk */
  GStringChunk *chunk;         /* the generated words */
  double       *cumulative;    /* cumulative[k]: P(rank ≤ k), 0-based */
  guint         n_function;    /* ranks [0, n_function) are function words */
  guint         n_head;        /* and [n_function, n_head) the content head */
} Vocabulary;

typedef struct
{
  const char *word;
  double      score;
} TailWord;

static int
compare_tail_words (gconstpointer a,
                    gconstpointer b)
{
  const TailWord *x = a;
  const TailWord *y = b;

  return (x->score > y->score) - (x->score < y->score);
}

/* Adds @word to @tail unless the vocabulary has it already (compared as
 * FTS5 compares it: case-insensitively). */
static void
tail_add (GArray       *tail,
          GHashTable   *seen,
          GStringChunk *chunk,
          const char   *word,
          double        score)
{
  char *key = g_utf8_casefold (word, -1);
  TailWord entry;

  /* The rare and the nowhere word must stay what they are. */
  g_assert (!g_str_has_prefix (key, "zwetschgendatschi"));
  g_assert (!g_str_has_prefix (key, "xylophonkonzert"));

  if (!g_hash_table_add (seen, key))
    return;

  entry.word = g_string_chunk_insert (chunk, word);
  entry.score = score;
  g_array_append_val (tail, entry);
}

/* A form that differs from an earlier one only in case (“Europäische”,
 * “europäische”) is the same word to FTS5, so it keeps the first rank. */
static void
vocabulary_add_head (Vocabulary         *vocab,
                     GHashTable         *seen,
                     const char * const *words,
                     guint               n_words)
{
  for (guint i = 0; i < n_words; i++)
    if (g_hash_table_add (seen, g_utf8_casefold (words[i], -1)))
      g_ptr_array_add (vocab->words, (gpointer) words[i]);
}

/* The present, past and participles of a regular verb. Stems in -el
 * and -er take -n where others take -en (fördern); stems in -t, -d
 * and -n take an -e- before -t (rechnet; the rule is rough, “plan”
 * makes “planet” too, which does not matter to a benchmark); verbs
 * with an unstressed prefix or in -ieren have no ge- (entwickelt,
 * informiert). */
static void
add_verb_forms (GArray       *tail,
                GHashTable   *seen,
                GStringChunk *chunk,
                GRand        *rand,
                const char   *stem)
{
  static const char * const plain[] = { "en", "e", "st", "t", "te", "ten", "end", NULL };
  static const char * const short_n[] = { "n", "e", "st", "t", "te", "ten", "nd", NULL };
  static const char * const with_e[] = { "en", "e", "est", "et", "ete", "eten", "end", NULL };
  static const char * const no_ge_prefixes[] = { "be", "ent", "er", "ver", "zer", NULL };
  const char * const *endings = plain;
  gboolean ge = !g_str_has_suffix (stem, "ier");
  GString *word = g_string_new (NULL);

  if (g_str_has_suffix (stem, "el") || g_str_has_suffix (stem, "er"))
    endings = short_n;
  else if (g_str_has_suffix (stem, "t") || g_str_has_suffix (stem, "d")
           || g_str_has_suffix (stem, "n"))
    endings = with_e;

  for (guint i = 0; no_ge_prefixes[i] != NULL; i++)
    if (g_str_has_prefix (stem, no_ge_prefixes[i]))
      ge = FALSE;

  for (guint e = 0; endings[e] != NULL; e++)
    {
      g_string_printf (word, "%s%s", stem, endings[e]);
      tail_add (tail, seen, chunk, word->str, 0.1 * (e + 1) * (0.2 + g_rand_double (rand)));
    }

  /* The participle, and as an adjective with its commonest endings. */
  for (guint e = 0; e < 3; e++)
    {
      g_string_printf (word, "%s%s%s%s", ge ? "ge" : "", stem,
                       endings == with_e ? "et" : "t", adjective_endings[e]);
      tail_add (tail, seen, chunk, word->str, 0.2 * (e + 1) * (0.2 + g_rand_double (rand)));
    }

  g_string_free (word, TRUE);
}

/* Compounds and inflected forms, each with a score that orders the
 * tail (lowest first). Simple words come first: bare nouns, adjectives,
 * verbs and place names (scores below 1); then the compounds (scores
 * from 1), which in German are many but each rare. Not every first part
 * goes with every noun: a third of the pairs, drawn from @rand, are
 * words. Within each group the scores are random, bare forms ahead of
 * inflected ones, so that the forms of one first part are spread over
 * the tail: a family like “Netzwerk…” must not take the top ranks
 * together, or a prefix search would find it in nearly every item,
 * which real text with its thousands of roots does not do. */
static void
vocabulary_add_tail (GArray       *tail,
                     GHashTable   *seen,
                     GStringChunk *chunk,
                     GRand        *rand)
{
  GString *word = g_string_new (NULL);

  for (guint n = 0; n < G_N_ELEMENTS (compound_nouns); n++)
    {
      const CompoundNoun *noun = &compound_nouns[n];
      const char * const *endings = noun_endings[noun->inflection];
      g_autofree char *lower = g_utf8_strdown (noun->noun, -1);

      for (guint e = 0; endings[e] != NULL; e++)
        {
          g_string_printf (word, "%s%s", noun->noun, endings[e]);
          tail_add (tail, seen, chunk, word->str,
                    0.1 * (e + 1) * (0.2 + g_rand_double (rand)));
        }

      for (guint s = 0; s < G_N_ELEMENTS (compound_stems); s++)
        {
          /* A third of the pairs; and no “Netzwerknetzwerk”. */
          if (g_rand_int_range (rand, 0, 3) != 0
              || g_ascii_strncasecmp (compound_stems[s], noun->noun, 4) == 0)
            continue;

          for (guint e = 0; endings[e] != NULL; e++)
            {
              g_string_printf (word, "%s%s%s", compound_stems[s], lower, endings[e]);
              tail_add (tail, seen, chunk, word->str,
                        1.0 + (e + 1) * (0.2 + g_rand_double (rand)));
            }
        }
    }

  for (guint a = 0; a < G_N_ELEMENTS (adjective_stems); a++)
    for (guint e = 0; e < G_N_ELEMENTS (adjective_endings); e++)
      {
        g_string_printf (word, "%s%s", adjective_stems[a], adjective_endings[e]);
        tail_add (tail, seen, chunk, word->str,
                  0.1 * (e + 1) * (0.2 + g_rand_double (rand)));
      }

  for (guint v = 0; v < G_N_ELEMENTS (verb_stems); v++)
    add_verb_forms (tail, seen, chunk, rand, verb_stems[v]);

  for (guint t = 0; t < G_N_ELEMENTS (town_starts); t++)
    for (guint e = 0; e < G_N_ELEMENTS (town_ends); e++)
      {
        g_string_printf (word, "%s%s", town_starts[t], town_ends[e]);
        tail_add (tail, seen, chunk, word->str, 0.5 * (0.2 + g_rand_double (rand)));
      }

  g_string_free (word, TRUE);
}

static void
vocabulary_clear (Vocabulary *vocab)
{
  g_clear_pointer (&vocab->words, g_ptr_array_unref);
  g_clear_pointer (&vocab->chunk, g_string_chunk_free);
  g_clear_pointer (&vocab->cumulative, g_free);
}

/* The same @seed gives the same vocabulary and the same ranks. */
static void
vocabulary_build (Vocabulary *vocab,
                  guint       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5a17c0deu);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) tail = g_array_new (FALSE, FALSE, sizeof (TailWord));
  double total = 0.0;

  memset (vocab, 0, sizeof *vocab);
  vocab->words = g_ptr_array_new ();
  vocab->chunk = g_string_chunk_new (64 * 1024);

  vocabulary_add_head (vocab, seen, function_words, G_N_ELEMENTS (function_words));
  vocab->n_function = vocab->words->len;
  vocabulary_add_head (vocab, seen, content_words, G_N_ELEMENTS (content_words));
  vocab->n_head = vocab->words->len;

  vocabulary_add_tail (tail, seen, vocab->chunk, rand);
  g_array_sort (tail, compare_tail_words);
  for (guint i = 0; i < tail->len; i++)
    g_ptr_array_add (vocab->words, (gpointer) g_array_index (tail, TailWord, i).word);

  vocab->cumulative = g_new (double, vocab->words->len);
  for (guint k = 0; k < vocab->words->len; k++)
    {
      total += 1.0 / (k + 1);
      vocab->cumulative[k] = total;
    }
  for (guint k = 0; k < vocab->words->len; k++)
    vocab->cumulative[k] /= total;
}

/* The rank whose cumulative probability first exceeds @u. */
static const char *
vocabulary_lookup (const Vocabulary *vocab,
                   double            u)
{
  guint lo = 0;
  guint hi = vocab->words->len - 1;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (vocab->cumulative[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }

  return g_ptr_array_index (vocab->words, lo);
}

/* Any word, function words included, with Zipf's frequencies. */
static const char *
vocabulary_pick (const Vocabulary *vocab,
                 GRand            *rand)
{
  return vocabulary_lookup (vocab, g_rand_double (rand));
}

/* A content word, with the same relative frequencies among them. */
static const char *
vocabulary_pick_content (const Vocabulary *vocab,
                         GRand            *rand)
{
  double from = vocab->cumulative[vocab->n_function - 1];

  return vocabulary_lookup (vocab, from + g_rand_double (rand) * (1.0 - from));
}

/* ---------------------------------------------------------------------
 * Synthetic rows
 * ------------------------------------------------------------------ */

/* One item as plain data, so that the store run and the raw baseline
 * insert exactly the same texts (same seed, same sequence of draws). */
typedef struct
{
  char         *title;
  char         *teaser;
  char         *body;
  char         *date;
  char         *author;
  char         *credit;
  char         *alt_text;
  char         *caption;
  const char   *tags[4];
  guint         n_tags;
  NdItemKind    kind;
  NdItemStatus  status;
} BenchRow;

static void
bench_row_clear (BenchRow *row)
{
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->teaser, g_free);
  g_clear_pointer (&row->body, g_free);
  g_clear_pointer (&row->date, g_free);
  g_clear_pointer (&row->author, g_free);
  g_clear_pointer (&row->credit, g_free);
  g_clear_pointer (&row->alt_text, g_free);
  g_clear_pointer (&row->caption, g_free);
  row->n_tags = 0;
}

static const char *
pick (GRand              *rand,
      const char * const *words,
      guint               n_words)
{
  g_assert (n_words > 0);

  return words[g_rand_int_range (rand, 0, (gint32) n_words)];
}

/* Squaring a uniform draw favours the head of the list: the first 1 %
 * of the words get about 10 % of the picks, the last one about 0.1 %.
 * Used for the tags, a small vocabulary that editors reuse a lot. */
static const char *
pick_skewed (GRand              *rand,
             const char * const *words,
             guint               n_words)
{
  double u = g_rand_double (rand);
  guint i = (guint) (u * u * n_words);

  return words[MIN (i, n_words - 1)];
}

static char *
make_name (GRand *rand)
{
  return g_strdup_printf ("%s %s",
                          pick (rand, first_names, G_N_ELEMENTS (first_names)),
                          pick (rand, last_names, G_N_ELEMENTS (last_names)));
}

static guint
append_sentence (GString          *text,
                 const Vocabulary *vocab,
                 GRand            *rand)
{
  guint n_words = (guint) g_rand_int_range (rand, 6, 15);

  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, pick (rand, sentence_starts, G_N_ELEMENTS (sentence_starts)));
  for (guint i = 1; i < n_words; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, vocabulary_pick (vocab, rand));
    }
  g_string_append_c (text, '.');

  return n_words;
}

/* News quotes people by name, and the author field is not in the
 * search index: the names a search finds are the ones in the text. */
static void
append_quote (GString          *text,
              const Vocabulary *vocab,
              GRand            *rand)
{
  g_autofree char *name = make_name (rand);
  guint n_words = (guint) g_rand_int_range (rand, 5, 12);

  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, "„");
  g_string_append (text, vocabulary_pick_content (vocab, rand));
  for (guint i = 1; i < n_words; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, vocabulary_pick (vocab, rand));
    }
  g_string_append_printf (text, "“, sagt %s.", name);
}

/* Sentences until about @n_words words (± 20 %). */
static void
append_text (GString          *text,
             const Vocabulary *vocab,
             GRand            *rand,
             guint             n_words)
{
  guint target = n_words * (guint) g_rand_int_range (rand, 80, 121) / 100;
  guint written = 0;

  while (written < target)
    written += append_sentence (text, vocab, rand);
}

static char *
make_title (const Vocabulary *vocab,
            GRand            *rand)
{
  GString *title = g_string_new (NULL);
  guint n_words = (guint) g_rand_int_range (rand, 5, 11);

  g_string_append (title, vocabulary_pick_content (vocab, rand));
  for (guint i = 1; i < n_words; i++)
    {
      g_string_append_c (title, ' ');
      g_string_append (title, vocabulary_pick (vocab, rand));
    }

  return g_string_free (title, FALSE);
}

static char *
make_text (const Vocabulary *vocab,
           GRand            *rand,
           guint             n_words)
{
  GString *text = g_string_new (NULL);

  append_text (text, vocab, rand, n_words);

  return g_string_free (text, FALSE);
}

/* Three to six paragraphs of about 60 words; a third of them end with
 * a quote. */
static char *
make_body (const Vocabulary *vocab,
           GRand            *rand,
           guint             index)
{
  GString *body = g_string_new (NULL);
  guint n_paragraphs = (guint) g_rand_int_range (rand, 3, 7);

  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_autoptr(GString) paragraph = g_string_new (NULL);

      append_text (paragraph, vocab, rand, 60);
      if (g_rand_int_range (rand, 0, 3) == 0)
        append_quote (paragraph, vocab, rand);
      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append_len (body, paragraph->str, paragraph->len);
    }

  if (index % RARE_EVERY == 17)
    g_string_append (body, "\n\nZum Abschluss gab es " RARE_WORD ".");

  return g_string_free (body, FALSE);
}

/* A date in 2016–2025; a fifth of them with a time of day. */
static char *
make_date (GRand *rand)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2016);
  int hour;
  int minute;

  g_date_add_days (date, (guint) g_rand_int_range (rand, 0, 3653));
  if (g_rand_int_range (rand, 0, 5) != 0)
    return g_strdup_printf ("%04u-%02u-%02u",
                            g_date_get_year (date),
                            (guint) g_date_get_month (date),
                            g_date_get_day (date));

  hour = g_rand_int_range (rand, 7, 19);
  minute = 15 * g_rand_int_range (rand, 0, 4);

  return g_strdup_printf ("%04u-%02u-%02uT%02d:%02d:00+01:00",
                          g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          g_date_get_day (date),
                          hour, minute);
}

static NdItemKind
make_kind (GRand *rand)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (r < 60)
    return ND_ITEM_KIND_NEWS;
  if (r < 85)
    return ND_ITEM_KIND_PRESS_RELEASE;
  if (r < 95)
    return ND_ITEM_KIND_EVENT;
  return ND_ITEM_KIND_PUBLICATION;
}

static NdItemStatus
make_status (GRand *rand)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (r < 70)
    return ND_ITEM_STATUS_PUBLISHED;
  if (r < 85)
    return ND_ITEM_STATUS_DRAFT;
  if (r < 93)
    return ND_ITEM_STATUS_READY;
  if (r < 97)
    return ND_ITEM_STATUS_SCHEDULED;
  return ND_ITEM_STATUS_WITHDRAWN;
}

static void
make_tags (GRand    *rand,
           BenchRow *row)
{
  guint n_wanted = (guint) g_rand_int_range (rand, 1, 5);

  row->n_tags = 0;
  while (row->n_tags < n_wanted)
    {
      const char *tag = pick_skewed (rand, tag_words, G_N_ELEMENTS (tag_words));
      gboolean seen = FALSE;

      for (guint i = 0; i < row->n_tags; i++)
        seen = seen || row->tags[i] == tag;
      if (!seen)
        row->tags[row->n_tags++] = tag;
    }
}

static void
bench_row_generate (BenchRow         *row,
                    const Vocabulary *vocab,
                    GRand            *rand,
                    guint             index)
{
  g_autofree char *photographer = NULL;

  bench_row_clear (row);

  row->kind = make_kind (rand);
  row->status = make_status (rand);
  row->title = make_title (vocab, rand);
  row->teaser = make_text (vocab, rand, 40);
  row->body = make_body (vocab, rand, index);
  row->date = make_date (rand);
  row->author = make_name (rand);
  make_tags (rand, row);

  photographer = make_name (rand);
  row->credit = g_strdup_printf ("© %s / %s", photographer,
                                 pick (rand, agencies, G_N_ELEMENTS (agencies)));
  row->alt_text = make_text (vocab, rand, 10);
  row->caption = make_text (vocab, rand, 14);
}

static NdItem *
bench_row_to_item (const BenchRow *row)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) image = nd_image_new ();
  const char *tags[G_N_ELEMENTS (row->tags) + 1] = { NULL, };

  for (guint i = 0; i < row->n_tags; i++)
    tags[i] = row->tags[i];

  nd_item_set_kind (item, row->kind);
  nd_item_set_status (item, row->status);
  nd_item_set_language (item, "de");
  nd_item_set_title (item, row->title);
  nd_item_set_teaser (item, row->teaser);
  nd_item_set_body (item, row->body);
  nd_item_set_date (item, row->date);
  nd_item_set_author (item, row->author);
  nd_item_set_tags (item, tags);

  /* A slot: credit, alt text and caption known, the file still to come. */
  nd_image_set_role (image, ND_IMAGE_ROLE_LEAD);
  nd_image_set_credit (image, row->credit);
  nd_image_set_alt_text (image, row->alt_text);
  nd_image_set_caption (image, row->caption);
  nd_item_add_image (item, image);

  return item;
}

static char *
join_tags (const BenchRow *row)
{
  const char *tags[G_N_ELEMENTS (row->tags) + 1] = { NULL, };

  for (guint i = 0; i < row->n_tags; i++)
    tags[i] = row->tags[i];

  return g_strjoinv (" ", (char **) tags);
}

/* ---------------------------------------------------------------------
 * Small helpers: time, statistics, files, SQLite
 * ------------------------------------------------------------------ */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of @samples (µs), in ms. Sorts @samples. */
static double
percentile_ms (GArray *samples,
               double  percent)
{
  guint rank;

  if (samples->len == 0)
    return 0.0;

  g_array_sort (samples, compare_gint64);
  rank = (guint) (percent / 100.0 * samples->len + 0.999999);
  rank = CLAMP (rank, 1, samples->len);

  return g_array_index (samples, gint64, rank - 1) / 1000.0;
}

static double
max_ms (GArray *samples)
{
  return percentile_ms (samples, 100.0);
}

static double
file_size_mb (const char *path)
{
  GStatBuf st;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  double total = 0.0;

  if (g_stat (path, &st) == 0)
    total += (double) st.st_size;
  if (g_stat (wal, &st) == 0)
    total += (double) st.st_size;

  return total / (1024.0 * 1024.0);
}

/* VmHWM is the peak resident set; ru_maxrss says the same where /proc
 * is missing. */
static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmHWM:");

      if (line != NULL)
        return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
    }

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss / 1024.0;

  return 0.0;
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        g_printerr ("%s: %s\n", file, g_strerror (errno));
    }
}

static gboolean
sqlite_fail (sqlite3     *db,
             const char  *what,
             GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: the first %s is an SQL statement or step,
                * the second SQLite's own message. */
               _("SQLite failed at “%s”: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
sqlite_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_fail (db, sql, error);

  return TRUE;
}

static sqlite3_stmt *
sqlite_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, sql, error);
      return NULL;
    }

  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* Steps @stmt to its end, then resets it for the next use. */
static gboolean
sqlite_run (sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return sqlite_fail (sqlite3_db_handle (stmt), sqlite3_sql (stmt), error);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return TRUE;
}

static gboolean
checkpoint (const char  *path,
            GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      ok = sqlite_fail (db, path, error);
      sqlite3_close (db);
      return ok;
    }

  ok = sqlite_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  sqlite3_close (db);

  return ok;
}

/* ---------------------------------------------------------------------
 * The raw baseline: the same rows through plain prepared statements
 * ------------------------------------------------------------------ */

/* The store's own schema (nd-store-schema.c, migrations 1 and 2),
 * reduced to the tables an import writes: items, tags, item_tags,
 * images, item_images, revisions and the standalone FTS5 index over
 * title, teaser, body and tags, with the same prefix indexes and rank
 * (migration 2 as of commit d156499). Same pragmas as the store: WAL and
 * foreign keys on; synchronous is set per variant (the store leaves
 * SQLite's default, FULL). */
static const char raw_schema[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA foreign_keys = ON;"
  "CREATE TABLE items ("
  "  rowid INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL, status TEXT NOT NULL, language TEXT NOT NULL,"
  "  title TEXT NOT NULL, teaser TEXT NOT NULL, body TEXT NOT NULL,"
  "  date TEXT, slug TEXT NOT NULL, author TEXT NOT NULL,"
  "  created TEXT NOT NULL, updated TEXT NOT NULL, revision INTEGER NOT NULL);"
  "CREATE INDEX items_date_idx ON items (date, updated);"
  "CREATE INDEX items_status_date_idx ON items (status, date, updated);"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL);"
  "CREATE TABLE item_tags ("
  "  item_id INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (item_id, tag_id)) WITHOUT ROWID;"
  "CREATE INDEX item_tags_tag_idx ON item_tags (tag_id);"
  "CREATE TABLE images ("
  "  id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, data BLOB, mime TEXT,"
  "  size INTEGER NOT NULL DEFAULT 0, width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0, credit TEXT NOT NULL DEFAULT '',"
  "  creator TEXT NOT NULL DEFAULT '', copyright TEXT NOT NULL DEFAULT '',"
  "  license TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL);"
  "CREATE TABLE item_images ("
  "  item_id INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  image_id INTEGER NOT NULL REFERENCES images (id),"
  "  role TEXT NOT NULL, position INTEGER NOT NULL,"
  "  alt TEXT NOT NULL DEFAULT '', caption TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (item_id, position)) WITHOUT ROWID;"
  "CREATE INDEX item_images_image_idx ON item_images (image_id);"
  "CREATE TABLE revisions ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL, reason TEXT NOT NULL, created TEXT NOT NULL,"
  "  snapshot TEXT NOT NULL, UNIQUE (item_id, number));"
  "CREATE VIRTUAL TABLE items_fts USING fts5 ("
  "  title, teaser, body, tags,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3 4 5 6 7 8 9 10 11 12');"
  "INSERT INTO items_fts (items_fts, rank) VALUES ('rank', 'bm25 (10.0, 4.0, 1.0, 6.0)');";

typedef enum
{
  RAW_INSERT_ITEM,
  RAW_INSERT_TAG,
  RAW_SELECT_TAG,
  RAW_INSERT_ITEM_TAG,
  RAW_INSERT_IMAGE,
  RAW_INSERT_ITEM_IMAGE,
  RAW_INSERT_FTS,
  RAW_INSERT_REVISION,
  RAW_BEGIN,
  RAW_COMMIT,
  N_RAW_STMTS
} RawStmt;

static const char * const raw_sql[N_RAW_STMTS] = {
  [RAW_INSERT_ITEM] =
    "INSERT INTO items (uuid, kind, status, language, title, teaser, body, date,"
    " slug, author, created, updated, revision)"
    " VALUES (?1, ?2, ?3, 'de', ?4, ?5, ?6, ?7, '', ?8, ?9, ?9, 1)",
  [RAW_INSERT_TAG] = "INSERT OR IGNORE INTO tags (key, name) VALUES (?1, ?2)",
  [RAW_SELECT_TAG] = "SELECT id FROM tags WHERE key = ?1",
  [RAW_INSERT_ITEM_TAG] =
    "INSERT INTO item_tags (item_id, tag_id, position) VALUES (?1, ?2, ?3)",
  [RAW_INSERT_IMAGE] = "INSERT INTO images (credit, created) VALUES (?1, ?2)",
  [RAW_INSERT_ITEM_IMAGE] =
    "INSERT INTO item_images (item_id, image_id, role, position, alt, caption)"
    " VALUES (?1, ?2, 'lead', 0, ?3, ?4)",
  [RAW_INSERT_FTS] =
    "INSERT INTO items_fts (rowid, title, teaser, body, tags)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
  [RAW_INSERT_REVISION] =
    "INSERT INTO revisions (item_id, number, reason, created, snapshot)"
    " VALUES (?1, 1, 'import', ?2, ?3)",
  [RAW_BEGIN] = "BEGIN IMMEDIATE",
  [RAW_COMMIT] = "COMMIT",
};

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *stmts[N_RAW_STMTS];
  /* The tag keys, computed once: the baseline is allowed to be smart. */
  char         *tag_keys[G_N_ELEMENTS (tag_words)];
} RawDb;

static void
raw_db_close (RawDb *raw)
{
  for (guint i = 0; i < N_RAW_STMTS; i++)
    g_clear_pointer (&raw->stmts[i], sqlite3_finalize);
  for (guint i = 0; i < G_N_ELEMENTS (raw->tag_keys); i++)
    g_clear_pointer (&raw->tag_keys[i], g_free);
  g_clear_pointer (&raw->db, sqlite3_close);
}

static gboolean
raw_db_open (RawDb       *raw,
             const char  *path,
             gboolean     sync_normal,
             GError     **error)
{
  memset (raw, 0, sizeof *raw);

  if (sqlite3_open_v2 (path, &raw->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    return sqlite_fail (raw->db, path, error);

  if (!sqlite_exec (raw->db, raw_schema, error)
      || !sqlite_exec (raw->db,
                       sync_normal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
                       error))
    return FALSE;

  for (guint i = 0; i < N_RAW_STMTS; i++)
    if ((raw->stmts[i] = sqlite_prepare (raw->db, raw_sql[i], error)) == NULL)
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tag_words); i++)
    raw->tag_keys[i] = nd_tag_key (tag_words[i]);

  return TRUE;
}

static const char *
raw_tag_key (RawDb      *raw,
             const char *tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_words); i++)
    if (tag_words[i] == tag)
      return raw->tag_keys[i];

  g_assert_not_reached ();
  return NULL;
}

static gboolean
raw_insert_tags (RawDb          *raw,
                 sqlite3_int64   item,
                 const BenchRow *row,
                 GError        **error)
{
  for (guint i = 0; i < row->n_tags; i++)
    {
      const char *key = raw_tag_key (raw, row->tags[i]);
      sqlite3_stmt *select = raw->stmts[RAW_SELECT_TAG];
      sqlite3_int64 tag;

      bind_text (raw->stmts[RAW_INSERT_TAG], 1, key);
      bind_text (raw->stmts[RAW_INSERT_TAG], 2, row->tags[i]);
      if (!sqlite_run (raw->stmts[RAW_INSERT_TAG], error))
        return FALSE;

      bind_text (select, 1, key);
      if (sqlite3_step (select) != SQLITE_ROW)
        {
          sqlite3_reset (select);
          return sqlite_fail (raw->db, sqlite3_sql (select), error);
        }
      tag = sqlite3_column_int64 (select, 0);
      sqlite3_reset (select);

      sqlite3_bind_int64 (raw->stmts[RAW_INSERT_ITEM_TAG], 1, item);
      sqlite3_bind_int64 (raw->stmts[RAW_INSERT_ITEM_TAG], 2, tag);
      sqlite3_bind_int (raw->stmts[RAW_INSERT_ITEM_TAG], 3, (int) i);
      if (!sqlite_run (raw->stmts[RAW_INSERT_ITEM_TAG], error))
        return FALSE;
    }

  return TRUE;
}

/* UTC, fixed width with microseconds, as the store writes timestamps. */
static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* A revision snapshot with the keys of nd_item_to_json(), built with
 * json-glib as the store's would be. */
static char *
make_snapshot (const BenchRow *row,
               const char     *id,
               const char     *created)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, nd_item_kind_to_key (row->kind));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, nd_item_status_to_key (row->status));
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "de");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, row->title);
  json_builder_set_member_name (builder, "teaser");
  json_builder_add_string_value (builder, row->teaser);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, row->body);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, row->date);
  json_builder_set_member_name (builder, "slug");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, row->author);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, 1);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < row->n_tags; i++)
    json_builder_add_string_value (builder, row->tags[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "lead");
  json_builder_set_member_name (builder, "credit");
  json_builder_add_string_value (builder, row->credit);
  json_builder_set_member_name (builder, "alt");
  json_builder_add_string_value (builder, row->alt_text);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, row->caption);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "remote");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* The variants of the raw baseline. The first is the one the target
 * compares with: what the store does, minus the store. The others are
 * for information: what the revision snapshot costs, what the
 * durability setting costs, and what one big transaction gives. */
typedef struct
{
  const char *phase;
  const char *file;
  gboolean    snapshot;     /* also write a JSON revision snapshot */
  gboolean    sync_normal;  /* synchronous=NORMAL instead of FULL */
  gboolean    one_txn;      /* all items in one transaction */
} RawVariant;

typedef enum
{
  RAW_LIKE_STORE,
  RAW_WITH_SNAPSHOT,
  RAW_SYNC_NORMAL,
  RAW_ONE_TRANSACTION,
  N_RAW_VARIANTS
} RawVariantId;

static const RawVariant raw_variants[N_RAW_VARIANTS] = {
  [RAW_LIKE_STORE] = { "raw import", "raw.db", FALSE, FALSE, FALSE },
  [RAW_WITH_SNAPSHOT] = { "raw import with snapshots", "raw-snapshot.db", TRUE, FALSE, FALSE },
  [RAW_SYNC_NORMAL] = { "raw import, synchronous=NORMAL", "raw-normal.db", FALSE, TRUE, FALSE },
  [RAW_ONE_TRANSACTION] = { "raw import in one transaction", "raw-batch.db", FALSE, FALSE, TRUE },
};

/* The rows of one item; the caller owns the transaction. */
static gboolean
raw_insert_row (RawDb          *raw,
                const BenchRow *row,
                gboolean        snapshot,
                GError        **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *tags = join_tags (row);
  g_autofree char *now = timestamp_now ();
  sqlite3_stmt *stmt = raw->stmts[RAW_INSERT_ITEM];
  sqlite3_int64 item;
  sqlite3_int64 image;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, nd_item_kind_to_key (row->kind));
  bind_text (stmt, 3, nd_item_status_to_key (row->status));
  bind_text (stmt, 4, row->title);
  bind_text (stmt, 5, row->teaser);
  bind_text (stmt, 6, row->body);
  bind_text (stmt, 7, row->date);
  bind_text (stmt, 8, row->author);
  bind_text (stmt, 9, now);
  if (!sqlite_run (stmt, error))
    return FALSE;
  item = sqlite3_last_insert_rowid (raw->db);

  if (!raw_insert_tags (raw, item, row, error))
    return FALSE;

  stmt = raw->stmts[RAW_INSERT_IMAGE];
  bind_text (stmt, 1, row->credit);
  bind_text (stmt, 2, now);
  if (!sqlite_run (stmt, error))
    return FALSE;
  image = sqlite3_last_insert_rowid (raw->db);

  stmt = raw->stmts[RAW_INSERT_ITEM_IMAGE];
  sqlite3_bind_int64 (stmt, 1, item);
  sqlite3_bind_int64 (stmt, 2, image);
  bind_text (stmt, 3, row->alt_text);
  bind_text (stmt, 4, row->caption);
  if (!sqlite_run (stmt, error))
    return FALSE;

  stmt = raw->stmts[RAW_INSERT_FTS];
  sqlite3_bind_int64 (stmt, 1, item);
  bind_text (stmt, 2, row->title);
  bind_text (stmt, 3, row->teaser);
  bind_text (stmt, 4, row->body);
  bind_text (stmt, 5, tags);
  if (!sqlite_run (stmt, error))
    return FALSE;

  if (snapshot)
    {
      g_autofree char *json = make_snapshot (row, id, now);

      stmt = raw->stmts[RAW_INSERT_REVISION];
      sqlite3_bind_int64 (stmt, 1, item);
      bind_text (stmt, 2, now);
      bind_text (stmt, 3, json);
      if (!sqlite_run (stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
raw_insert_item (RawDb          *raw,
                 const BenchRow *row,
                 gboolean        snapshot,
                 GError        **error)
{
  if (!sqlite_run (raw->stmts[RAW_BEGIN], error))
    return FALSE;

  if (!raw_insert_row (raw, row, snapshot, error))
    {
      sqlite3_exec (raw->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return sqlite_run (raw->stmts[RAW_COMMIT], error);
}

/* ---------------------------------------------------------------------
 * The benchmark
 * ------------------------------------------------------------------ */

typedef struct
{
  /* Options */
  guint   n_items;
  guint   seed;
  guint   rounds;
  guint   opens;
  char   *db_path;       /* the store's database */
  gboolean reused;       /* @db_path existed: nothing was imported */
  gboolean no_raw;       /* --no-raw: skip the raw import baselines */
  gboolean all_raw;      /* --all-baselines: also the informational raw variants */
  char   *tmp_dir;       /* owned temp dir, removed at the end, or NULL */

  Vocabulary vocab;      /* the words of the synthetic texts */

  /* Figures: rates in items/s, times in ms, sizes in MB; < 0: not measured */
  double  store_import_rate;
  double  store_build_s;
  double  raw_rate[N_RAW_VARIANTS];
  double  raw_size[N_RAW_VARIANTS];
  double  search_store_p50;
  double  search_store_p95;
  double  search_direct_p50;
  double  search_direct_p95;
  double  open_store_median;
  double  open_store_max;
  double  open_direct_median;
  double  open_direct_max;
  double  store_size;
  double  peak_rss;

  char   *worst_query;   /* the query with the highest store p95 */
  double  worst_store_p95;
  double  worst_direct_p95;
  guint   worst_matches;

  GString *details;      /* per-query lines, printed after the table */
} Bench;

static void
bench_clear (Bench *bench)
{
  if (bench->tmp_dir != NULL)
    {
      if (bench->db_path != NULL && g_str_has_prefix (bench->db_path, bench->tmp_dir))
        remove_database_files (bench->db_path);
      if (g_rmdir (bench->tmp_dir) != 0)
        g_printerr ("%s: %s\n", bench->tmp_dir, g_strerror (errno));
    }

  g_clear_pointer (&bench->db_path, g_free);
  g_clear_pointer (&bench->tmp_dir, g_free);
  g_clear_pointer (&bench->worst_query, g_free);
  vocabulary_clear (&bench->vocab);
  if (bench->details != NULL)
    g_string_free (g_steal_pointer (&bench->details), TRUE);
}

static void
report_progress (const char *phase,
                 guint       done,
                 guint       total,
                 gint64      busy_us)
{
  if (done % PROGRESS_EVERY != 0 && done != total)
    return;

  g_printerr ("%s: %u/%u items, %.0f items/s\n", phase, done, total,
              busy_us > 0 ? done * (double) G_USEC_PER_SEC / busy_us : 0.0);
}

/* 1. The real import path: an NdItem per row, saved in its own
 * transaction with a revision snapshot, as nd_import_file() does.
 * Only the time spent in nd_store_save_item() counts; making the texts
 * and the NdItem is reported apart. */
static gboolean
bench_store_import (Bench    *bench,
                    NdStore  *store,
                    GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (bench->seed);
  BenchRow row = { NULL, };
  gint64 busy = 0;
  gint64 build = 0;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < bench->n_items; i++)
    {
      g_autoptr(NdItem) item = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 saving;

      bench_row_generate (&row, &bench->vocab, rand, i);
      item = bench_row_to_item (&row);
      saving = g_get_monotonic_time ();
      build += saving - start;

      ok = nd_store_save_item (store, item, ND_REVISION_REASON_IMPORT, error);
      busy += g_get_monotonic_time () - saving;

      report_progress ("store import", i + 1, bench->n_items, busy);
    }

  bench_row_clear (&row);
  bench->store_import_rate = bench->n_items * (double) G_USEC_PER_SEC / MAX (busy, 1);
  bench->store_build_s = build / (double) G_USEC_PER_SEC;

  return ok;
}

/* 2. The same rows, plain SQLite, in one of the raw_variants. */
static gboolean
bench_raw_import (Bench         *bench,
                  RawVariantId   id,
                  GError       **error)
{
  const RawVariant *variant = &raw_variants[id];
  g_autoptr(GRand) rand = g_rand_new_with_seed (bench->seed);
  g_autofree char *path = g_build_filename (bench->tmp_dir, variant->file, NULL);
  BenchRow row = { NULL, };
  RawDb raw;
  gint64 busy = 0;
  gboolean ok;

  ok = raw_db_open (&raw, path, variant->sync_normal, error);

  if (ok && variant->one_txn)
    ok = sqlite_exec (raw.db, "BEGIN IMMEDIATE", error);

  for (guint i = 0; ok && i < bench->n_items; i++)
    {
      gint64 start;

      bench_row_generate (&row, &bench->vocab, rand, i);

      start = g_get_monotonic_time ();
      if (variant->one_txn)
        ok = raw_insert_row (&raw, &row, variant->snapshot, error);
      else
        ok = raw_insert_item (&raw, &row, variant->snapshot, error);
      busy += g_get_monotonic_time () - start;

      report_progress (variant->phase, i + 1, bench->n_items, busy);
    }

  if (ok && variant->one_txn)
    {
      gint64 start = g_get_monotonic_time ();

      ok = sqlite_exec (raw.db, "COMMIT", error);
      busy += g_get_monotonic_time () - start;
    }

  bench_row_clear (&row);
  raw_db_close (&raw);

  bench->raw_rate[id] = bench->n_items * (double) G_USEC_PER_SEC / MAX (busy, 1);
  if (ok && checkpoint (path, error))
    bench->raw_size[id] = file_size_mb (path);

  remove_database_files (path);

  return ok;
}

/* 3. Search. Twenty searches an editor would type, search-as-you-type
 * (the last word is a prefix): topic words of middle frequency, two of
 * them typed without their umlaut, bare prefixes, two words, a
 * person's last name, a rare word, a word that is nowhere, and the two
 * worst cases: the commonest word alone and with a topic word. */
static const char * const queries[] = {
  "Brüssel",
  "Förderung",
  "Netzwerk",
  "Mittelstand",
  "Qualität",
  "brussel",
  "forderung",
  "Cluster",
  "Forsch",
  "Digi",
  "Förderung Mittelstand",
  "Brüssel Netzwerk",
  "Forschung Qualität",
  "Clusterkonferenz Berlin",
  "Wasserstoff Lieferketten",
  "Schröder",
  RARE_WORD,
  NOWHERE_WORD,
  "und",
  "die Förderung",
};

/* The columns the store reads for a list or search result
 * (ITEM_COLUMNS in nd-store.c). */
#define ITEM_COLUMNS \
  "items.rowid, items.uuid, items.kind, items.status, items.language, " \
  "items.title, items.teaser, items.date, items.slug, items.author, " \
  "items.created, items.updated, items.revision"

/* The store's search statement, copied from nd_store_search() and its
 * SEARCH_WINDOW in src/core/store/nd-store-query.c: FTS5 ranks (bm25 (10.0,
 * 4.0, 1.0, 6.0), set in migration 2 of nd-store-schema.c) the
 * ND_STORE_RANK_WINDOW most recently added matches, and only the page of
 * hits is joined to items; equal ranks put the newer item first. When
 * the store's statement changes, change this one with it: the direct
 * figure is what the store's own SQL costs without the store around it.
 * The store also loads each result's tags and makes an NdItem; that is
 * the overhead the target allows for. */
static const char direct_search_sql[] =
  "SELECT " ITEM_COLUMNS " FROM "
  "  (SELECT hit, score FROM"
  "     (SELECT rowid AS hit, rank AS score FROM items_fts"
  "       WHERE items_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3)"
  "   ORDER BY score, hit DESC LIMIT ?2) AS hits "
  "JOIN items ON items.rowid = hits.hit "
  "ORDER BY hits.score, items.rowid DESC";

/* The document frequency of a word or a query: every match, unranked. */
static const char count_sql[] =
  "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?1";

/* The store's list statement without a filter (nd_store_list_items()). */
static const char direct_page_sql[] =
  "SELECT " ITEM_COLUMNS " FROM items"
  " ORDER BY items.date DESC, items.updated DESC, items.rowid DESC"
  " LIMIT ?1 OFFSET 0";

/* Steps @stmt to its end reading every column, as building result
 * objects would, then resets it. Returns SQLITE_DONE or the error. */
static int
run_statement (sqlite3_stmt *stmt,
               guint        *n_rows)
{
  gsize n_bytes = 0;
  int n_columns = sqlite3_column_count (stmt);
  int rc;

  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_columns; c++)
        if (sqlite3_column_text (stmt, c) != NULL)
          n_bytes += (gsize) sqlite3_column_bytes (stmt, c);
      (*n_rows)++;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  /* Keeps the reads from being optimised away. */
  g_assert (*n_rows == 0 || n_bytes > 0);

  return rc;
}

static gboolean
direct_search (sqlite3_stmt *stmt,
               const char   *fts,
               guint        *n_hits)
{
  bind_text (stmt, 1, fts);
  sqlite3_bind_int (stmt, 2, SEARCH_LIMIT);
  sqlite3_bind_int (stmt, 3, ND_STORE_RANK_WINDOW);

  return run_statement (stmt, n_hits) == SQLITE_DONE;
}

static gboolean
store_search (NdStore     *store,
              const char  *query,
              guint       *n_hits,
              GError     **error)
{
  g_autoptr(GPtrArray) results = nd_store_search (store, query, SEARCH_LIMIT, error);

  if (results == NULL)
    return FALSE;

  *n_hits = results->len;
  return TRUE;
}

/* Pads by characters, not bytes, as printf's %-*s would. */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  g_string_append (out, text);
  for (glong i = g_utf8_strlen (text, -1); i < width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, " | ");
}

/* How many items match @fts: the document frequency of a word, or of
 * a whole query. Returns FALSE on an SQLite error. */
static gboolean
count_matches (sqlite3_stmt *stmt,
               const char   *fts,
               guint        *n_items)
{
  int rc;

  bind_text (stmt, 1, fts);
  rc = sqlite3_step (stmt);
  *n_items = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_ROW;
}

static void
print_frequency (const char *label,
                 const char *fts,
                 guint       n_matches,
                 guint       n_items)
{
  g_autoptr(GString) line = g_string_new ("  ");

  append_padded (line, label, 26);
  append_padded (line, fts, 34);
  g_string_append_printf (line, "%6u items  %5.1f %%",
                          n_matches, n_items > 0 ? 100.0 * n_matches / n_items : 0.0);
  g_printerr ("%s\n", line->str);
}

/* The corpus summary on stderr: how large the vocabulary is and how
 * selective each query is, so that the timings can be read. Each
 * word of a query counts alone (as the query has it: exact, or a
 * prefix for the last), then the whole query. Stores each query's
 * number of matching items in @matches. */
static gboolean
print_corpus_summary (Bench      *bench,
                      sqlite3    *db,
                      GPtrArray  *fts,
                      guint      *matches,
                      GError    **error)
{
  const Vocabulary *vocab = &bench->vocab;
  sqlite3_stmt *stmt;
  guint n_words = vocab->words->len;

  if ((stmt = sqlite_prepare (db, count_sql, error)) == NULL)
    return FALSE;

  g_printerr ("corpus: %u items; vocabulary %u word forms: %u function words, "
              "%u head content words, %u generated (compounds, inflections, verbs, places)\n",
              bench->n_items, n_words, vocab->n_function,
              vocab->n_head - vocab->n_function, n_words - vocab->n_head);
  g_printerr ("  Zipf over all ranks, exponent 1.0: function words are %.1f %% of the "
              "running words; rank %u (the first content word) %.3f %%, "
              "rank %u (the last of the head) %.4f %%, rank %u (the last) %.5f %%\n",
              100.0 * vocab->cumulative[vocab->n_function - 1],
              vocab->n_function + 1,
              100.0 * (vocab->cumulative[vocab->n_function] - vocab->cumulative[vocab->n_function - 1]),
              vocab->n_head,
              100.0 * (vocab->cumulative[vocab->n_head - 1] - vocab->cumulative[vocab->n_head - 2]),
              n_words,
              100.0 * (vocab->cumulative[n_words - 1] - vocab->cumulative[n_words - 2]));
  g_printerr ("document frequency of the query words (items that contain them):\n");

  for (guint q = 0; q < fts->len; q++)
    {
      const char *expr = g_ptr_array_index (fts, q);
      g_auto(GStrv) terms = NULL;

      matches[q] = 0;
      if (expr == NULL)
        continue;

      /* Quoted words never hold a space (nd_search_query_to_fts()). */
      terms = g_strsplit (expr, " ", -1);
      for (guint t = 0; terms[1] != NULL && terms[t] != NULL; t++)
        {
          guint n = 0;

          if (!count_matches (stmt, terms[t], &n))
            {
              sqlite3_finalize (stmt);
              return sqlite_fail (db, count_sql, error);
            }
          print_frequency (t == 0 ? queries[q] : "", terms[t], n, bench->n_items);
        }

      if (!count_matches (stmt, expr, &matches[q]))
        {
          sqlite3_finalize (stmt);
          return sqlite_fail (db, count_sql, error);
        }
      print_frequency (terms[1] != NULL ? "  (all words)" : queries[q], expr,
                       matches[q], bench->n_items);
    }

  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
bench_search (Bench    *bench,
              NdStore  *store,
              GError  **error)
{
  g_autoptr(GArray) store_all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) direct_all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) fts = g_ptr_array_new_with_free_func (g_free);
  guint matches[G_N_ELEMENTS (queries)];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_open_v2 (bench->db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, bench->db_path, error);
      sqlite3_close (db);
      return FALSE;
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    g_ptr_array_add (fts, nd_search_query_to_fts (queries[q]));

  if (!print_corpus_summary (bench, db, fts, matches, error)
      || (stmt = sqlite_prepare (db, direct_search_sql, error)) == NULL)
    {
      sqlite3_close (db);
      return FALSE;
    }

  g_printerr ("search: %u queries × %u rounds\n", (guint) G_N_ELEMENTS (queries), bench->rounds);

  g_string_append_printf (bench->details,
                          "\nSearch, per query (limit %d, %u rounds; ms; matches = items that "
                          "match, hits = rows returned; st = store, db = direct):\n  ",
                          SEARCH_LIMIT, bench->rounds);
  append_padded (bench->details, "query", 24);
  append_padded (bench->details, "FTS5 expression", 30);
  g_string_append_printf (bench->details, "%7s | %4s | %6s | %6s | %6s | %6s | %s\n",
                          "matches", "hits", "st p50", "st p95", "db p50", "db p95",
                          "st/db p95");

  for (guint q = 0; ok && q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) store_times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) direct_times = g_array_new (FALSE, FALSE, sizeof (gint64));
      const char *expr = g_ptr_array_index (fts, q);
      guint store_hits = 0;
      guint direct_hits = 0;
      double store_p95;
      double direct_p95;

      /* One round unmeasured, so both sides start with warm caches;
       * then the two alternate, so neither gets a systematic edge. */
      for (guint r = 0; ok && r <= bench->rounds; r++)
        {
          gint64 start = g_get_monotonic_time ();
          gint64 t;

          ok = store_search (store, queries[q], &store_hits, error);
          t = g_get_monotonic_time () - start;
          if (r > 0)
            g_array_append_val (store_times, t);

          if (!ok || expr == NULL)
            continue;

          start = g_get_monotonic_time ();
          if (!direct_search (stmt, expr, &direct_hits))
            ok = sqlite_fail (db, direct_search_sql, error);
          t = g_get_monotonic_time () - start;
          if (r > 0)
            g_array_append_val (direct_times, t);
        }
      if (!ok)
        break;

      g_array_append_vals (store_all, store_times->data, store_times->len);
      g_array_append_vals (direct_all, direct_times->data, direct_times->len);

      store_p95 = percentile_ms (store_times, 95);
      direct_p95 = percentile_ms (direct_times, 95);

      g_string_append (bench->details, "  ");
      append_padded (bench->details, queries[q], 24);
      append_padded (bench->details, expr != NULL ? expr : "(none)", 30);
      g_string_append_printf (bench->details,
                              "%7u | %4u | %6.2f | %6.2f | %6.2f | %6.2f | %8.2f×%s\n",
                              matches[q], store_hits,
                              percentile_ms (store_times, 50), store_p95,
                              percentile_ms (direct_times, 50), direct_p95,
                              direct_p95 > 0 ? store_p95 / direct_p95 : 0.0,
                              store_hits != direct_hits ? "  ← hit counts differ" : "");
      if (store_hits != direct_hits)
        g_string_append_printf (bench->details,
                                "    store found %u, direct found %u\n",
                                store_hits, direct_hits);

      if (bench->worst_query == NULL || store_p95 > bench->worst_store_p95)
        {
          g_free (bench->worst_query);
          bench->worst_query = g_strdup (queries[q]);
          bench->worst_store_p95 = store_p95;
          bench->worst_direct_p95 = direct_p95;
          bench->worst_matches = matches[q];
        }
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  bench->search_store_p50 = percentile_ms (store_all, 50);
  bench->search_store_p95 = percentile_ms (store_all, 95);
  bench->search_direct_p50 = percentile_ms (direct_all, 50);
  bench->search_direct_p95 = percentile_ms (direct_all, 95);

  return ok;
}

/* 4. Open + first page, with the store closed before: what starting
 * the application costs once the files are in the page cache. */
static gboolean
bench_open (Bench   *bench,
            GError **error)
{
  g_autoptr(GArray) store_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) direct_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  NdStoreFilter filter = ND_STORE_FILTER_INIT;

  filter.limit = PAGE_LIMIT;

  for (guint i = 0; i < bench->opens; i++)
    {
      g_autoptr(NdStore) store = NULL;
      g_autoptr(GPtrArray) page = NULL;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 t;
      guint n_rows = 0;
      int rc = SQLITE_ERROR;

      store = nd_store_open (bench->db_path, error);
      if (store != NULL)
        page = nd_store_list_items (store, &filter, error);
      t = g_get_monotonic_time () - start;
      if (page == NULL)
        return FALSE;
      g_array_append_val (store_times, t);

      g_clear_pointer (&page, g_ptr_array_unref);
      g_clear_object (&store);

      start = g_get_monotonic_time ();
      if (sqlite3_open_v2 (bench->db_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
          && sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) == SQLITE_OK
          && sqlite3_prepare_v2 (db, direct_page_sql, -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int (stmt, 1, PAGE_LIMIT);
          rc = run_statement (stmt, &n_rows);
        }
      t = g_get_monotonic_time () - start;
      g_array_append_val (direct_times, t);

      if (rc != SQLITE_DONE)
        sqlite_fail (db, direct_page_sql, error);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      if (rc != SQLITE_DONE)
        return FALSE;
      g_assert (n_rows <= PAGE_LIMIT);
    }

  bench->open_store_median = percentile_ms (store_times, 50);
  bench->open_store_max = max_ms (store_times);
  bench->open_direct_median = percentile_ms (direct_times, 50);
  bench->open_direct_max = max_ms (direct_times);

  return TRUE;
}

/* ---------------------------------------------------------------------
 * The table
 * ------------------------------------------------------------------ */

static char *
format_figure (double      value,
               const char *unit)
{
  if (value < 0)
    return g_strdup ("—");
  if (value >= 100)
    return g_strdup_printf ("%.0f %s", value, unit);
  if (value >= 10)
    return g_strdup_printf ("%.1f %s", value, unit);
  return g_strdup_printf ("%.2f %s", value, unit);
}

static char *
format_ratio (double a,
              double b)
{
  if (a < 0 || b <= 0)
    return g_strdup ("—");

  return g_strdup_printf ("%.2f×", a / b);
}

/* Pads by characters, not bytes: "—", "×" and "≤" are multi-byte. */
static void
print_cell (const char *text,
            int         width)
{
  glong n_chars = g_utf8_strlen (text, -1);

  g_print (" %s", text);
  for (glong i = n_chars; i < width; i++)
    g_print (" ");
  g_print (" |");
}

static void
print_row (const char *metric,
           const char *store,
           const char *baseline,
           const char *ratio,
           const char *target,
           const char *verdict)
{
  g_print ("|");
  print_cell (metric, 40);
  print_cell (store, 14);
  print_cell (baseline, 14);
  print_cell (ratio, 7);
  print_cell (target, 26);
  print_cell (verdict, 7);
  g_print ("\n");
}

static void
print_figures (const char *metric,
               double      store,
               double      baseline,
               const char *unit,
               const char *target,
               const char *verdict)
{
  g_autofree char *a = format_figure (store, unit);
  g_autofree char *b = format_figure (baseline, unit);
  g_autofree char *r = format_ratio (store, baseline);

  print_row (metric, a, b, r, target, verdict);
}

static const char *
verdict (gboolean measured,
         gboolean met)
{
  if (!measured)
    return "—";

  return met ? "PASS" : "MISS";
}

static void
print_table (const Bench *bench)
{
  const double raw = bench->raw_rate[RAW_LIKE_STORE];
  gboolean imported = bench->store_import_rate > 0 && raw > 0;
  gboolean import_ok = imported && bench->store_import_rate >= 0.5 * raw;
  gboolean search_ok = bench->search_store_p95 <= 1.5 * bench->search_direct_p95
                       && bench->search_store_p95 < 10.0;
  gboolean open_ok = bench->open_store_median < 50.0;
  g_autofree char *title = NULL;

  title = g_strdup_printf ("newsdesk store benchmark: %u items, seed %u, SQLite %s%s",
                           bench->n_items, bench->seed, sqlite3_libversion (),
                           bench->reused ? ", existing database (no import)" : "");
  g_print ("\n%s\n\n", title);

  print_row ("metric", "newsdesk", "baseline", "ratio", "target", "verdict");
  g_print ("|%s|%s|%s|%s|%s|%s|\n", "------------------------------------------",
           "----------------", "----------------", "---------",
           "----------------------------", "---------");
  print_figures ("import, 1 transaction per item (items/s)",
                 bench->store_import_rate, raw, "",
                 "≥ 0.50× raw", verdict (imported, import_ok));
  print_figures ("  vs raw + revision snapshot (items/s)",
                 bench->store_import_rate, bench->raw_rate[RAW_WITH_SNAPSHOT], "",
                 "information", "");
  print_figures ("  vs raw, synchronous=NORMAL (items/s)",
                 bench->store_import_rate, bench->raw_rate[RAW_SYNC_NORMAL], "",
                 "information", "");
  print_figures ("  vs raw, one transaction (items/s)",
                 bench->store_import_rate, bench->raw_rate[RAW_ONE_TRANSACTION], "",
                 "information", "");
  print_figures ("search p50 (ms), limit 50",
                 bench->search_store_p50, bench->search_direct_p50, "",
                 "information", "");
  print_figures ("search p95 (ms), limit 50",
                 bench->search_store_p95, bench->search_direct_p95, "",
                 "≤ 1.5× direct and < 10 ms", verdict (TRUE, search_ok));
  print_figures ("open + first page, median (ms)",
                 bench->open_store_median, bench->open_direct_median, "",
                 "< 50 ms", verdict (TRUE, open_ok));
  print_figures ("open + first page, max (ms)",
                 bench->open_store_max, bench->open_direct_max, "",
                 "information", "");
  print_figures ("database size, checkpointed (MB)",
                 bench->store_size, bench->raw_size[RAW_LIKE_STORE], "",
                 "information", "");
  print_figures ("  vs raw + revision snapshot (MB)",
                 bench->store_size, bench->raw_size[RAW_WITH_SNAPSHOT], "",
                 "information", "");
  print_figures ("peak RSS of this process (MB)",
                 bench->peak_rss, -1, "", "information", "");

  g_print ("\nBaselines. Import: the same rows (same seed) through plain sqlite3 prepared "
           "statements into the store's schema: items, tags, item_tags, images, item_images "
           "and FTS5 rows (same prefix indexes and rank), one transaction per item, WAL, "
           "synchronous=FULL like the store "
           "(SQLite's default), no revision snapshot; only the time inside the save or "
           "insert calls counts. Search: the store's own statement (same FTS5 MATCH "
           "expression from nd_search_query_to_fts, ranked inside FTS5 by the configured "
           "bm25 weights, only the page joined, LIMIT 50) run with "
           "sqlite3 on the store's file, opened read-only. Open: sqlite3_open_v2 and the "
           "store's list statement for the first 50 rows. Sizes include the -wal file after "
           "PRAGMA wal_checkpoint(TRUNCATE).\n");
  g_print ("Corpus: vocabulary of %u word forms (%u function words, %u head content "
           "words, %u generated compounds, inflections, verbs and places), drawn with "
           "Zipf's law (exponent 1.0) over all ranks; function words are %.0f %% of the "
           "running words. “matches” below is the number of items a query matches.\n",
           bench->vocab.words->len, bench->vocab.n_function,
           bench->vocab.n_head - bench->vocab.n_function,
           bench->vocab.words->len - bench->vocab.n_head,
           100.0 * bench->vocab.cumulative[bench->vocab.n_function - 1]);
  if (bench->store_build_s > 0)
    g_print ("Making the texts and the NdItems took %.1f s in all; it is not counted.\n",
             bench->store_build_s);

  g_print ("\nVerdicts:\n");
  if (imported)
    g_print ("  import: %s: the store imports %.0f items/s, %.0f %% of raw (%.0f items/s); "
             "target ≥ 50 %%\n",
             verdict (TRUE, import_ok), bench->store_import_rate,
             100.0 * bench->store_import_rate / raw, raw);
  else if (bench->store_import_rate > 0)
    g_print ("  import: no verdict: the store imports %.0f items/s; no raw baseline "
             "(--no-raw)\n",
             bench->store_import_rate);
  else
    g_print ("  import: not measured (existing database)\n");
  g_print ("  search: %s: p95 %.2f ms, %.2f× the direct p95 of %.2f ms; target ≤ 1.5× and "
           "< 10 ms\n",
           verdict (TRUE, search_ok), bench->search_store_p95,
           bench->search_direct_p95 > 0 ? bench->search_store_p95 / bench->search_direct_p95 : 0,
           bench->search_direct_p95);
  g_print ("  open + first page: %s: median %.1f ms, max %.1f ms; target < 50 ms\n",
           verdict (TRUE, open_ok), bench->open_store_median, bench->open_store_max);
  if (bench->worst_query != NULL)
    g_print ("  worst query: “%s”: store p95 %.2f ms, direct p95 %.2f ms, %u matching "
             "items of %u\n",
             bench->worst_query, bench->worst_store_p95, bench->worst_direct_p95,
             bench->worst_matches, bench->n_items);

  g_print ("%s", bench->details->str);
}

/* ---------------------------------------------------------------------
 * main
 * ------------------------------------------------------------------ */

static gboolean
bench_prepare (Bench   *bench,
               GError **error)
{
  bench->tmp_dir = g_dir_make_tmp ("nd-bench-XXXXXX", error);
  if (bench->tmp_dir == NULL)
    return FALSE;

  if (bench->db_path == NULL)
    bench->db_path = g_build_filename (bench->tmp_dir, "newsdesk.db", NULL);
  else
    bench->reused = g_file_test (bench->db_path, G_FILE_TEST_EXISTS);

  return TRUE;
}

static gboolean
bench_run (Bench   *bench,
           GError **error)
{
  g_autoptr(NdStore) store = NULL;

  store = nd_store_open (bench->db_path, error);
  if (store == NULL)
    return FALSE;

  if (bench->reused)
    {
      NdStoreFilter all = ND_STORE_FILTER_INIT;

      bench->n_items = nd_store_count_items (store, &all, error);
      g_printerr ("%s exists: measuring its %u items, nothing imported\n",
                  bench->db_path, bench->n_items);
    }
  else
    {
      if (!bench_store_import (bench, store, error))
        return FALSE;
      /* The target compares with RAW_LIKE_STORE; the other variants
       * (snapshots, synchronous=NORMAL, one transaction) explain the gap
       * and take as long again each, so they run on request. */
      for (guint v = 0; !bench->no_raw && v < (bench->all_raw ? N_RAW_VARIANTS : 1); v++)
        if (!bench_raw_import (bench, v, error))
          return FALSE;
    }

  if (!bench_search (bench, store, error))
    return FALSE;

  /* Open + first page starts from a closed store. */
  g_clear_object (&store);
  g_printerr ("open + first page: %u times\n", bench->opens);
  if (!bench_open (bench, error))
    return FALSE;

  if (!checkpoint (bench->db_path, error))
    return FALSE;
  bench->store_size = file_size_mb (bench->db_path);
  bench->peak_rss = peak_rss_mb ();

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0, };
  gint items = DEFAULT_ITEMS;
  gint rounds = DEFAULT_ROUNDS;
  gint opens = DEFAULT_OPENS;
  gint64 seed = 20260501;
  gboolean quick = FALSE;
  gboolean no_raw = FALSE;
  gboolean all_raw = FALSE;
  char *db_path = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "items", 0, 0, G_OPTION_ARG_INT, &items,
      N_("Number of synthetic items (default 100000)"), "N" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("A fast check with 10000 items"), NULL },
    { "no-raw", 0, 0, G_OPTION_ARG_NONE, &no_raw,
      N_("Skip the raw SQLite import baselines, for quick runs on search"), NULL },
    { "all-baselines", 0, 0, G_OPTION_ARG_NONE, &all_raw,
      N_("Also the informational raw variants: with snapshots, synchronous=NORMAL, one transaction"),
      NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Keep the store's database at PATH; an existing one is measured without importing"),
      "PATH" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the text generator"), "S" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds,
      N_("Timed runs of each search query (default 10)"), "R" },
    { "opens", 0, 0, G_OPTION_ARG_INT, &opens,
      N_("Timed opens of the database (default 10)"), "K" },
    { NULL, },
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Measures the Newsdesk store against plain SQLite."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      g_free (db_path);
      return 2;
    }

  if (items <= 0 || rounds <= 0 || opens <= 0 || seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("%s\n", _("--items, --rounds and --opens must be positive, --seed a 32-bit number"));
      g_free (db_path);
      return 2;
    }

  bench.n_items = quick ? QUICK_ITEMS : (guint) items;
  bench.rounds = (guint) rounds;
  bench.opens = (guint) opens;
  bench.seed = (guint) seed;
  bench.db_path = db_path;
  bench.no_raw = no_raw;
  bench.all_raw = all_raw;
  bench.store_import_rate = -1;
  for (guint v = 0; v < N_RAW_VARIANTS; v++)
    bench.raw_rate[v] = bench.raw_size[v] = -1;
  bench.details = g_string_new (NULL);
  vocabulary_build (&bench.vocab, bench.seed);

  if (!bench_prepare (&bench, &error) || !bench_run (&bench, &error))
    {
      g_printerr (_("Benchmark failed: %s\n"), error->message);
      status = 1;
    }
  else
    {
      print_table (&bench);
    }

  bench_clear (&bench);

  return status;
}
