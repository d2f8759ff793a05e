"""Train a Rasa model only when what it is trained from changed (``make train``).

The model is named after a hash of ``data/``, ``domain/``, ``config.yml``, the custom
NLU components and the spaCy pipeline's patterns, so a second run with nothing changed
reuses ``models/<hash>.tar.gz`` at once. Training output goes to ``var/logs/train.log``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["data", "domain", "config.yml", "components", "content/guidance.yml", "coach/answers.py",
          "content/scope", "coach/nlp/scope.py"]  # fmt: skip
KEEP = 3


def model_hash() -> str:
    """Hash of every file a model is trained from."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in INPUTS:
        path = ROOT / name
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    spacy_dir = Path(os.environ.get("COACH_SPACY_MODEL", ROOT / "var/spacy/en_reconnect"))
    files.append(spacy_dir / "patterns.sha256")
    for path in files:
        if path.suffix in (".pyc",) or "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:16]


def train_command(out: str, *extra: str) -> list[str]:
    """The ``rasa train`` command for the coach's domain, data and config into ``out``."""
    rasa = str(Path(sys.executable).parent / "rasa")
    return [rasa, "train", "--domain", "domain", "--data", "data", "--config", "config.yml",
            "--out", out, *extra]  # fmt: skip


def main() -> int:
    """Print the model path, training it first if needed."""
    name = f"coach-{model_hash()}"
    models = ROOT / "models"
    target = models / f"{name}.tar.gz"
    if target.exists():
        (models / "current").write_text(target.name + "\n", encoding="utf-8")
        print(f"model up to date: {target.relative_to(ROOT)}")
        return 0
    log = ROOT / "var/logs/train.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"training {target.relative_to(ROOT)} (log: {log.relative_to(ROOT)}) ...", flush=True)
    started = time.monotonic()
    cmd = train_command("models", "--fixed-model-name", name)
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.call(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    if code != 0 or not target.exists():
        print(f"training failed (exit {code}); last lines of {log}:", file=sys.stderr)
        print("\n".join(log.read_text(encoding="utf-8").splitlines()[-30:]), file=sys.stderr)
        return code or 1
    print(f"trained in {time.monotonic() - started:.0f} s: {target.relative_to(ROOT)}")
    old = sorted(models.glob("coach-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP:]:
        stale.unlink()
    (models / "current").write_text(target.name + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
