"""One invented text copy for the tests of a copy's head (byline rows, date rows, name lines): a short menu, the
headline "Die Schleuse um sechs" with its standfirst, the head's lines under test, then an article in one language."""

from __future__ import annotations

from essaykit.importers.text import read_text_copy

DE = ("Der Schleusenwärter öffnet die Tore um sechs, und er schließt sie erst, wenn der letzte Kahn durch ist. Dann "
      "geht er heim, aber erst, wenn er die Laternen am Steg angezündet und den Tag in sein Buch geschrieben hat.\n\n")
ES = ("El guardián de la esclusa abre las compuertas a las seis y no las cierra hasta que pasa la última barcaza. "
      "Luego vuelve a casa, pero antes enciende los faroles del muelle y anota el día en su libro.\n\n")
PT = ("O guarda da eclusa abre as comportas às seis e só as fecha quando passa a última barcaça. Depois volta para "
      "casa, mas antes acende as lanternas do cais e anota o dia no seu livro.\n\n")
EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
      "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")


def canal_copy(tmp_path, head: str, prose: str):
    """The one post read from the copy with ``head`` under the standfirst and ``prose`` four times as its article."""
    path = tmp_path / "copy.txt"
    path.write_text(f"Startseite\nKanäle\nKontakt\n\nDie Schleuse um sechs\nEin langer Tag am Kanal.\n{head}\n\n" + prose * 4,
                    encoding="utf-8")
    [post] = read_text_copy(path)
    return post
