"""German texts of login, accounts and access control."""

BAD_NAME = "Der Benutzername darf nicht leer sein, keine Leerzeichen enthalten und höchstens {max} Zeichen haben."
BAD_ROLE = "Unbekannte Rolle. Erlaubt sind: {roles}."
SHORT_PASSWORD = "Das Passwort muss mindestens {min} Zeichen haben."
NAME_TAKEN = "Den Benutzer „{name}“ gibt es schon."
NO_SUCH_USER = "Den Benutzer „{name}“ gibt es nicht."
OWN_ADMIN = "Die eigene Administrationsrolle kann man nicht abgeben oder deaktivieren; das muss ein anderer Admin tun."
LAST_ADMIN = ("Das ist das letzte aktive Admin-Konto: Legen Sie zuerst ein weiteres an, sonst kann niemand mehr "
              "Benutzer verwalten.")
