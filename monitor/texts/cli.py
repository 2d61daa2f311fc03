"""German texts of the command line (python -m monitor)."""

DESCRIPTION = "Integrationsmonitor – Befehle für Import, Demodaten, Kennzahlen und Betrieb."
HELP_MIGRATE = "Datenbank anlegen oder auf den neuesten Stand bringen."
HELP_IMPORT = "CSV-Exporte und Excel-Arbeitsmappen (.xlsx) importieren (alle oder keine)."
HELP_DRY_RUN = "Nur prüfen, nichts speichern."
HELP_REPLACE = ("Dateien, die sich mit bereits importierten Daten überschneiden, ersetzen diese für ihren Zeitraum "
                "(geänderte Zeilen werden aktualisiert, fehlende entfernt). Ohne --replace oder --merge wird bei einer "
                "solchen Datei nichts importiert.")
HELP_KIND = "Art der Datei erzwingen (sonst aus der Kopfzeile erkannt)."
HELP_USER = "Name, unter dem der Import protokolliert wird."
HELP_DEMO = "Synthetische Demodaten erzeugen und laden."
HELP_SCALE = ("Anzahl der Gemeinden: bis 21 die des Landkreises Celle, darüber zusätzlich synthetische Gemeinden "
              "anderer Landkreise Niedersachsens (für Lasttests).")
HELP_SEED = "Startwert des Zufallsgenerators."
HELP_KPIS = "Kennzahlen der Übersicht ausgeben."
HELP_AS_OF = "Stichtag JJJJ-MM-TT (Standard: heute); berichtet wird das Jahr (oder Quartal) bis zu diesem Tag."
HELP_AGS = "Gemeindeschlüssel (nötig, wenn es mehrere Gemeinden gibt)."
HELP_QUARTER = "Quartal statt Jahr."
HELP_JSON = "Als JSON ausgeben."
HELP_TEMPLATES = "Leere Vorlagen (CSV) je Dateiart schreiben."
HELP_OUT = "Zielordner."
HELP_CONTRACT_DOCS = "Beschreibung des Datenformats (Markdown) ausgeben."
HELP_KPI_DOCS = "Beschreibung der Kennzahlen (Markdown) ausgeben."

MIGRATED = "Datenbank ist auf dem neuesten Stand."
FILE_NOT_FOUND = "{file}: Datei nicht gefunden."
IMPORTED = ("{file}: {kind}, {rows} Zeilen importiert (neu {inserted}, geändert {updated}, entfernt {removed}, "
            "unverändert {unchanged}).")
OVERLAP = "{file}: {kind}, {rows} Zeilen: {message} Mit --replace ersetzen, mit --merge ergänzen."
WARNING = "  Hinweis: {message}"
VALID = "{file}: {kind}, {rows} Zeilen, gültig (Probelauf, nichts gespeichert)."
VALID_NOT_SAVED = "{file}: {kind}, {rows} Zeilen, gültig, aber nicht gespeichert (eine andere Datei wurde abgelehnt)."
VALID_NOT_SAVED_OVERLAP = ("{file}: {kind}, {rows} Zeilen, gültig, aber nicht gespeichert (über eine andere Datei ist "
                           "noch nicht entschieden).")
ALREADY_IMPORTED = "{file}: bereits importiert (gleiche Datei), nichts geändert."
REJECTED = "{file}: abgelehnt, {count} Problem(e):"
NOTHING_IMPORTED = "Es wurde nichts importiert: bitte die Fehler beheben und alle Dateien erneut hochladen."
NOTHING_IMPORTED_OVERLAP = ("Es wurde nichts importiert: bitte über die Überschneidung entscheiden "
                            "(--replace oder --merge).")
DRY_RUN_REJECTED = "Probelauf: so würde nichts importiert; bitte die Fehler beheben."
DRY_RUN_OVERLAP = "Probelauf: ohne --replace oder --merge würde nichts importiert."
HELP_MERGE = ("Dateien, die sich mit bereits importierten Daten überschneiden, ergänzen diese: geänderte Zeilen "
              "werden aktualisiert, neue hinzugefügt, nichts wird entfernt.")
DEMO_LOADED = ("Demodaten für {gemeinden} Gemeinde(n) geladen ({celle} des Landkreises Celle, {synthetic} synthetische "
               "anderer Landkreise): {rows} Zeilen in {files} Dateien.")
NO_DATA = "Keine Daten in der Datenbank (Gemeinde {ags})."
NOT_OFFERED = ("Die Gemeinde {ags} wird dieser Rolle nicht angeboten: zu wenige Fälle, um Zahlen ohne Rückschluss "
               "auf Personen zu zeigen (Datenschutz).")
KPI_HEADER = "Kennzahlen {label}, Gemeinde {ags}"
TEMPLATES_WRITTEN = "{count} Vorlagen geschrieben nach {out}."

HELP_ROLE = ("Nur ausgeben, was diese Rolle sehen darf (oeffentlich, rat: genau die Zahlen der Übersicht, nur "
             "abgeschlossene Zeiträume, unterdrückte Werte als null).")
HELP_USER_CMD = "Lokale Benutzerkonten verwalten (ohne OpenID Connect)."
HELP_USER_ADD = ("Konto anlegen; das Passwort wird am Terminal zweimal abgefragt oder als eine Zeile von der "
                 "Standardeingabe gelesen, wenn sie kein Terminal ist.")
HELP_USER_LIST = "Konten auflisten (Name, Rolle, Gemeinden; * für alle)."
HELP_USER_GEMEINDEN = ("Gemeinden, die das Konto sieht: Gemeindeschlüssel durch Komma getrennt, z. B. 03351025, oder * "
                       "für alle (Standard; Admin-Konten sehen immer alle).")
HELP_USER_SET_GEMEINDEN = "Gemeinden eines Kontos ändern (wirkt beim nächsten Klick)."
GEMEINDEN_SET = "Konto {name} sieht jetzt: {gemeinden}."
BAD_GEMEINDEN = ("„{value}“ ist kein Gemeindeschlüssel: bitte achtstellige Schlüssel durch Komma getrennt angeben "
                 "(z. B. 03351025,03351026) oder * für alle Gemeinden.")
HELP_AS_ACCOUNT = ("Nur ausgeben, was dieses Konto sehen darf: seine Rolle und seine Gemeinden (ohne: alles, wie für "
                   "den Betrieb auf dem Server).")
NO_ACTIVE_ACCOUNT = "Es gibt kein aktives Konto „{name}“."
OUTSIDE_SCOPE = "Die Gemeinde {ags} gehört nicht zu den Gemeinden dieses Kontos."
ACCOUNT_NOT_INTERNAL = ("Das Konto „{name}“ sieht nur unterdrückte Zahlen: für dieses Konto gibt es nur den "
                        "öffentlichen Bericht (ohne --intern).")
HELP_USER_ROLE = "Rolle eines Kontos ändern."
HELP_USER_PASSWORD = "Neues Passwort setzen (hebt auch eine Sperre auf)."
HELP_USER_DEACTIVATE = "Konto deaktivieren (es bleibt im Protokoll erhalten)."
HELP_PASSWORD_STDIN = ("Passwort als eine Zeile von der Standardeingabe lesen (für Skripte; geschieht auch ohne "
                       "diese Option, wenn die Standardeingabe kein Terminal ist).")
PASSWORD_PROMPT = "Passwort: "
PASSWORD_REPEAT = "Passwort wiederholen: "
PASSWORD_MISMATCH = "Die beiden Passwörter stimmen nicht überein."
NO_PASSWORD = ("Kein Passwort erhalten: bitte am Terminal eingeben oder als eine Zeile über die Standardeingabe "
               "übergeben, z. B. mit --password-stdin.")
USER_ADDED = "Konto „{name}“ mit der Rolle {role} angelegt."
ROLE_SET = "Rolle von „{name}“ ist jetzt {role}."
PASSWORD_SET = "Neues Passwort für „{name}“ gesetzt."
USER_DEACTIVATED = "Konto „{name}“ deaktiviert."
INACTIVE = "deaktiviert"
HELP_UNDO = "Einen Import vollständig rückgängig machen (Nummer aus der Import-Historie)."
HELP_UNDO_BATCH = "Nummer des Imports."
UNDONE = "Import Nr. {batch} ({file}) rückgängig gemacht: {removed} Zeilen entfernt, {restored} wiederhergestellt."

# --- the database: migrations by the owner, the app's role (python -m monitor db upgrade) ---
HELP_DB = "Datenbank verwalten (Betrieb mit PostgreSQL: als Eigentümer der Tabellen)."
HELP_DB_UPGRADE = ("Schema anlegen oder auf den neuesten Stand bringen, mit MONITOR_OWNER_DATABASE_URL (sonst "
                   "DATABASE_URL); ist MONITOR_APP_ROLE gesetzt, erhält diese Rolle danach genau die Rechte der "
                   "Anwendung (am Protokoll nur Lesen und Anfügen).")
DB_UPGRADED = "Datenbank ist auf dem neuesten Stand."
DB_APP_ROLE_GRANTED = ("Die Rolle „{role}“ hat die Rechte der Anwendung: Daten lesen und ändern, das Protokoll nur "
                       "lesen und ergänzen.")
DB_NO_APP_ROLE = ("Hinweis: MONITOR_APP_ROLE ist nicht gesetzt; es wurden keine Rechte vergeben. Ohne eigene Rolle "
                  "für die Anwendung schützt nur der Trigger das Protokoll (docs/sicherheit.md).")
SCHEMA_NOT_CURRENT = ("Die Datenbank ist nicht angelegt oder nicht auf dem neuesten Stand, und der Zugang der "
                      "Anwendung darf sie nicht ändern. Bitte als Eigentümer ausführen: "
                      "MONITOR_OWNER_DATABASE_URL=… MONITOR_APP_ROLE=… python -m monitor db upgrade "
                      "(docs/betrieb.md).")
APP_ROLE_ONLY_POSTGRESQL = ("MONITOR_APP_ROLE gilt nur für PostgreSQL; SQLite kennt keine Rollen. Bitte die "
                            "Einstellung entfernen oder PostgreSQL verwenden.")
APP_ROLE_UNKNOWN = "Die Rolle „{role}“ (MONITOR_APP_ROLE) gibt es in PostgreSQL nicht (CREATE ROLE, docs/betrieb.md)."
APP_ROLE_SUPERUSER = ("Die Rolle „{role}“ (MONITOR_APP_ROLE) ist Superuser: ihr kann nichts verwehrt werden. Bitte "
                      "eine eigene Rolle ohne Sonderrechte anlegen (docs/betrieb.md).")
APP_ROLE_IS_OWNER = ("Die Rolle „{role}“ (MONITOR_APP_ROLE) ist der Eigentümer der Tabellen oder Mitglied seiner "
                     "Rolle: sie könnte das Protokoll ändern. Bitte die Migration mit der Eigentümer-Rolle ausführen "
                     "und der Anwendung eine andere Rolle geben (docs/betrieb.md).")
APP_ROLE_OWNS_TABLES = ("Die Tabellen gehören noch der Rolle „{role}“ (MONITOR_APP_ROLE), etwa aus dem Schnellstart. "
                        "Bitte als postgres in der Datenbank ausführen: REASSIGN OWNED BY {role} TO <Eigentümer>; "
                        "dann erneut python -m monitor db upgrade (docs/betrieb.md).")
APP_ROLE_INHERITS = ("Die Rolle „{role}“ (MONITOR_APP_ROLE) darf „{table}“ über eine andere Rolle oder PUBLIC ändern "
                     "oder leeren. Bitte diese Rechte entziehen (docs/betrieb.md); nichts wurde geändert.")
AUDIT_KEPT_MINIMUM = ("Protokolleinträge werden mindestens {months} Monate aufbewahrt: der Stichtag für das Löschen "
                      "muss mindestens so weit zurückliegen.")

# --- retention (python -m monitor retention; monitor.retention, docs/datenschutz.md) --------------------------
HELP_RETENTION = ("Aufbewahrung anwenden: Einzeldaten vor dem Stichtag entfernen (ihre Kennzahlen bleiben "
                  "archiviert) und alte Protokolleinträge löschen.")
HELP_RETENTION_DRY_RUN = "Nur zählen, was entfernt würde; nichts ändern."
SETTING_INVALID = ("Die Einstellung {name} hat den ungültigen Wert „{value}“: erlaubt sind eine ganze Zahl ab 0 "
                   "oder „aus“.")
AUDIT_MONTHS_TOO_SHORT = ("MONITOR_AUDIT_RETENTION_MONTHS ist {months}: Protokolleinträge werden mindestens {floor} "
                          "Monate aufbewahrt, die Datenbank lässt kein früheres Löschen zu. Bitte {floor} oder mehr "
                          "einstellen.")
RETENTION_OBJECT = "Stichtag {cut_off}"
RETENTION_DETAIL = ("Einzeldaten entfernt: {kinds}; frühere Fassungen {versions}; Zeiträume archiviert "
                    "{archived}; Protokolleinträge gelöscht {audit}")
RETENTION_DRY_RUN = "Probelauf: es wurde nichts geändert."
RETENTION_OFF = "Aufbewahrung der Einzeldaten ist abgeschaltet (MONITOR_RETENTION_YEARS): es wird nichts entfernt."
RETENTION_CUT_OFF = ("Stichtag {cut_off}: Einzeldaten, die ganz davor liegen, {verb} (aufbewahrt werden das "
                     "laufende Jahr und {years} Jahre davor).")
RETENTION_KIND = "  {kind}: {count} Zeilen"
RETENTION_VERSIONS = "  frühere Fassungen von Zeilen (zum Rückgängigmachen von Importen): {count}"
RETENTION_ARCHIVED = "Kennzahlen archiviert für {count} Zeiträume (je Gemeinde ein Quartal oder Jahr)."
RETENTION_ARCHIVED_DRY = "Kennzahlen würden archiviert für {count} Zeiträume (je Gemeinde ein Quartal oder Jahr)."
RETENTION_AUDIT = "Protokolleinträge älter als {months} Monate (vor dem {before}): {count} {verb}."
RETENTION_AUDIT_OFF = "Protokolleinträge werden unbegrenzt aufbewahrt (MONITOR_AUDIT_RETENTION_MONTHS)."
RETENTION_WOULD_REMOVE, RETENTION_REMOVED = "würden entfernt", "wurden entfernt"
RETENTION_WOULD_DELETE, RETENTION_DELETED = "würden gelöscht", "gelöscht"

# --- the report (python -m monitor report; monitor.report, docs/bericht.md) -----------------------------------------
HELP_REPORT = "Bericht (PDF, A4) eines Jahres oder Quartals schreiben."
HELP_REPORT_YEAR = "Berichtsjahr, z. B. 2025."
HELP_REPORT_QUARTER = "Quartal 1 bis 4 (ohne: das ganze Jahr)."
HELP_REPORT_AGS = "Gemeindeschlüssel (Standard: die einzige Gemeinde, wenn es genau eine gibt)."
HELP_REPORT_INTERN = "Interner Bericht mit exakten Zahlen („Nur für den Dienstgebrauch“) statt des öffentlichen."
HELP_REPORT_OUT = "Zieldatei (.pdf)."
REPORT_WRITTEN = "Bericht geschrieben: {out} ({kind})."
REPORT_KIND = {False: "öffentlich", True: "intern"}
REPORT_NO_GEMEINDE = "Keine Gemeinde mit Daten in der Datenbank."
REPORT_NOT_OFFERED = ("Für die Gemeinde {ags} gibt es keinen öffentlichen Bericht: sie ist nicht in den Daten oder "
                      "hat zu wenige Fälle, um Zahlen ohne Rückschluss auf Personen zu zeigen (Datenschutz).")
REPORT_UNKNOWN_GEMEINDE = "Die Gemeinde {ags} hat keine Daten in der Datenbank."
REPORT_CHOOSE_GEMEINDE = "Es gibt mehrere Gemeinden; bitte mit --ags eine wählen: {keys}."
REPORT_NOT_PUBLISHED = ("Für {period} gibt es keinen öffentlichen Bericht: der Zeitraum ist nicht abgeschlossen oder "
                        "liegt nicht in den Daten. Abgeschlossene Zeiträume: {periods}.")
REPORT_NOT_IN_DATA = "Für {period} gibt es keine Zahlen: der Zeitraum liegt nicht in den Daten. Möglich: {periods}."
REPORT_NONE = "keine"
REPORT_CANNOT_RENDER = "Der Bericht konnte nicht erzeugt werden: {error}"
REPORT_CANNOT_WRITE = "Die Datei {out} konnte nicht geschrieben werden: {error}"

# --- backup and restore (monitor.backup) ----------------------------------------------------------------------------
HELP_BACKUP = "Sicherung der Datenbank schreiben (SQLite: Datenbankdatei, PostgreSQL: pg_dump-Archiv)."
HELP_BACKUP_OUT = "Zieldatei der Sicherung."
HELP_RESTORE = ("Sicherung in die (leere) Datenbank von DATABASE_URL zurückspielen; bei PostgreSQL danach "
                "`db upgrade` für die Rechte der Anwendung.")
HELP_RESTORE_ARCHIVE = "Die Sicherung (von `backup`)."
RESTORED = "Sicherung {path} wiederhergestellt."
BACKUP_WRITTEN = ("Sicherung geschrieben: {path}. Den Schlüssel der Pseudonymisierung (data/.pseudonym_key oder "
                  "MONITOR_SECRET) getrennt davon ebenfalls sichern.")
BACKUP_NO_FILE = "Diese SQLite-Datenbank liegt nur im Arbeitsspeicher und kann nicht gesichert werden."
BACKUP_TOOL_MISSING = "Das Programm {tool} fehlt (Debian: apt-get install postgresql-client)."
BACKUP_FAILED = "{tool} ist mit Fehlercode {code} abgebrochen; Einzelheiten stehen im Protokoll des Servers."
BACKUP_MISSING = "Die Sicherung {path} wurde nicht gefunden."
