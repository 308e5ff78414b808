"""The one error type that leaves the loaders and the command line.

Anything wrong with an input (a path, a file, an argument) becomes a MatrixError
carrying the file and, where there is one, the line. The command line prints it as
``error: FILE:LINE: message`` and exits with status 2; nothing else escapes.
"""
from __future__ import annotations


class MatrixError(Exception):
    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"
