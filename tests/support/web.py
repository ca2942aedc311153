from pathlib import Path

WEB_BUILD = Path(__file__).resolve().parents[2] / "web" / "build"
