#!/usr/bin/python3
"""The files the app saves validate against data/plan.schema.json.

usage: test-saved-schema.py FP_RESAVE VALIDATOR SCHEMA PLAN...
Resaves each plan with the app's own writer, then validates the results
with Debian's python3-jsonschema (independent of the C loader).
"""
import subprocess
import sys
import tempfile

resave, validator, schema, *plans = sys.argv[1:]
with tempfile.TemporaryDirectory() as out:
    written = subprocess.run([resave, out, *plans], check=True, capture_output=True,
                             text=True).stdout.split()
    if len(written) != len(plans):
        sys.exit(f"expected {len(plans)} saved files, got {len(written)}")
    sys.exit(subprocess.run([sys.executable, validator, schema, *written]).returncode)
