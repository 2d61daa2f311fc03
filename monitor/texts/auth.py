"""German texts of login, accounts and access control."""

BAD_NAME = "Der Benutzername darf nicht leer sein, keine Leerzeichen enthalten und höchstens {max} Zeichen haben."
BAD_ROLE = "Unbekannte Rolle. Erlaubt sind: {roles}."
SHORT_PASSWORD = "Das Passwort muss mindestens {min} Zeichen haben."
NAME_TAKEN = "Den Benutzer „{name}“ gibt es schon."
NO_SUCH_USER = "Den Benutzer „{name}“ gibt es nicht."
