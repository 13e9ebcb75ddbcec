#!/usr/bin/python3
"""The command line end to end: exit codes, stdout and stderr.

usage: test-cli.py FUNNEL_PLANNER SOURCE_ROOT
Runs without a display: the commands must not need one.
"""
import json
import math
import os
import urllib.parse
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

APP = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
SAMPLE = os.path.join(ROOT, "data", "samples", "q3-demand-plan.funnel.json")
TEMPLATES = os.path.join(ROOT, "data", "templates")

ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
ENV["LC_ALL"] = "C.UTF-8"
ENV["GSETTINGS_BACKEND"] = "memory"


def run(*args):
    return subprocess.run([APP, *args], capture_output=True, text=True, env=ENV, timeout=60)


class Cli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_help(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        usage = r.stdout.splitlines()[1]
        # The file argument is described once.
        self.assertEqual(usage.count("FILE"), 1, usage)
        self.assertIn("--project", r.stdout)

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^funnel-planner \d+\.\d+\.\d+\n$")

    def test_project_sample(self):
        r = run("--project", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        report = json.loads(r.stdout)
        for key in ("title", "currency", "revenue_target", "average_deal_size",
                    "deals_required", "stages", "budget", "cost_per_deal",
                    "lead_to_close_days", "sales_cycle_days", "pipeline", "handoff",
                    "projected", "months", "sensitivity", "warnings"):
            self.assertIn(key, report)
        self.assertEqual(report["title"], "Q3 2027 demand plan")
        deals = report["revenue_target"] / report["average_deal_size"]
        self.assertAlmostEqual(report["deals_required"], deals)
        stages = report["stages"]
        self.assertIsNone(stages[-1]["conversion"])
        self.assertAlmostEqual(stages[-1]["required"], deals)
        # required(i) = required(i+1) / c_i, all the way up
        for above, below in zip(stages, stages[1:]):
            self.assertAlmostEqual(above["required"] * above["conversion"], below["required"])
            self.assertAlmostEqual(above["enter_offset_days"],
                                   below["enter_offset_days"] + above["duration_days"])
        self.assertAlmostEqual(report["budget"], sum(s["cost"] for s in stages))
        # the months add up to each stage's total and the target
        months = report["months"]
        self.assertAlmostEqual(sum(m["target"] for m in months), report["revenue_target"])
        for s in stages:
            total = sum(m["required"][s["id"]] for m in months)
            self.assertTrue(math.isclose(total, s["required"], rel_tol=1e-9))
        self.assertEqual([m["in_period"] for m in months][-3:], [True, True, True])
        self.assertFalse(months[0]["in_period"])

    def test_project_every_template(self):
        for name in sorted(os.listdir(TEMPLATES)):
            with self.subTest(name):
                r = run("--project", os.path.join(TEMPLATES, name))
                self.assertEqual(r.returncode, 0, r.stderr)
                report = json.loads(r.stdout)
                self.assertGreater(report["pipeline"]["coverage_required"], 1)

    def test_project_hand_computed(self):
        path = self.write("hand.funnel.json", json.dumps({
            "format": "funnel-planner/plan", "version": 1, "title": "Hand",
            "period": {"start": "2027-07-01", "months": 3},
            "revenue_target": 1200000, "average_deal_size": 30000,
            "handoff_stage": "mql", "pipeline_stage": "sql",
            "stages": [
                {"id": "lead", "name": "Leads", "conversion": 0.2, "duration_days": 14,
                 "cost_per_unit": 35},
                {"id": "mql", "name": "MQL", "conversion": 0.5, "duration_days": 10},
                {"id": "sql", "name": "Opportunities", "conversion": 0.25, "duration_days": 45},
                {"id": "won", "name": "Closed deals"}]}))
        r = run("--project", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)
        self.assertEqual([s["required"] for s in report["stages"]], [1600, 320, 160, 40])
        self.assertEqual(report["budget"], 56000)
        self.assertEqual(report["cost_per_deal"], 1400)
        self.assertEqual(report["lead_to_close_days"], 69)
        self.assertEqual(report["sales_cycle_days"], 45)
        self.assertEqual(report["pipeline"]["coverage_required"], 4)
        self.assertEqual(report["pipeline"]["value_required"], 4800000)
        self.assertIsNone(report["pipeline"]["coverage_planned"])
        self.assertIsNone(report["pipeline"]["opportunities_per_month"])
        self.assertEqual(report["handoff"], {"stage": "mql", "required": 320,
                                             "per_month": 320 / 3})
        self.assertIsNone(report["projected"])

    def assert_refused(self, r, message_start):
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertTrue(r.stderr.startswith(message_start), r.stderr)
        self.assertNotIn("CRITICAL", r.stderr)

    def test_syntax_error(self):
        path = self.write("broken.funnel.json", '{\n  "format": "funnel-planner/plan",\n  "version": }\n')
        self.assert_refused(run("--project", path), path + ":3:14: ")

    def test_rule_broken(self):
        with open(SAMPLE, encoding="utf-8") as f:
            plan = json.load(f)
        plan["stages"][2]["conversion"] = 1.7
        text = json.dumps(plan, indent=2)
        path = self.write("rule.funnel.json", text)
        # The place of the value: its line, and its column from 1
        before = text[:text.index("1.7")]
        place = "%d:%d" % (before.count("\n") + 1, len(before) - before.rfind("\n"))
        self.assert_refused(
            run("--project", path),
            path + ":" + place + ": stages[2].conversion: must be more than 0 and at most 1 (got 1.7)\n")

    def test_empty_file(self):
        path = self.write("empty.funnel.json", "")
        self.assert_refused(run("--project", path), path + ": the file is empty")

    def test_newer_version(self):
        path = self.write("new.funnel.json", '{"format": "funnel-planner/plan", "version": 2}')
        self.assert_refused(run("--project", path), path + ": made by a newer version")

    def test_missing_file(self):
        r = run("--project", os.path.join(self.dir, "nope.funnel.json"))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertIn("nope.funnel.json", r.stderr)

    def test_usage_errors(self):
        r = run("--project")
        self.assertEqual(r.returncode, 2)
        self.assertIn("e.g. funnel-planner --project plan.funnel.json", r.stderr)
        # The output file first: the example is a command that works
        r = run("--export", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("e.g. funnel-planner --export funnel.png plan.funnel.json", r.stderr)
        self.assertEqual(run("--project", SAMPLE, SAMPLE).returncode, 2)
        out = os.path.join(self.dir, "x.png")
        r = run("--export", out, "--size", "big", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(out))
        r = run("--export", out, "--view", "pie", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--view takes funnel or timeline", r.stderr)
        self.assertFalse(os.path.exists(out))
        for option in (["--size", "800x600"], ["--view", "timeline"]):
            r = run(*option, SAMPLE)
            self.assertEqual(r.returncode, 2)
            self.assertIn(option[0] + " goes with --export", r.stderr)

    def test_export_png(self):
        out = os.path.join(self.dir, "funnel.png")
        r = run("--export", out, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            header = f.read(24)
        self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(header[16:20], "big")
        height = int.from_bytes(header[20:24], "big")
        self.assertEqual((width, height), (1600, 900))

    def test_export_png_size(self):
        out = os.path.join(self.dir, "small.png")
        r = run("--export", out, "--size", "800x600", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            header = f.read(24)
        self.assertEqual((int.from_bytes(header[16:20], "big"),
                          int.from_bytes(header[20:24], "big")), (800, 600))

    def test_export_pdf(self):
        out = os.path.join(self.dir, "funnel.pdf")
        r = run("--export", out, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        # A real reader opens it, and its text is text.
        png = os.path.join(self.dir, "page")
        subprocess.run(["pdftoppm", "-png", "-r", "30", "-singlefile", out, png], check=True)
        self.assertTrue(os.path.getsize(png + ".png") > 0)
        text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True,
                              check=True).stdout
        self.assertIn("Marketing qualified", text)

    def test_export_svg(self):
        out = os.path.join(self.dir, "funnel.svg")
        r = run("--export", out, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        root = ET.parse(out).getroot()
        texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
        with open(SAMPLE, encoding="utf-8") as f:
            for stage in json.load(f)["stages"]:
                self.assertIn(stage["name"], texts)

    def test_export_timeline(self):
        out = os.path.join(self.dir, "timeline.svg")
        r = run("--export", out, "--view", "timeline", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        root = ET.parse(out).getroot()
        texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
        # The timeline's own text, which the funnel has not
        self.assertIn("Plan period", texts)
        self.assertIn("Lead to close: 76 days", texts)
        with open(SAMPLE, encoding="utf-8") as f:
            for stage in json.load(f)["stages"]:
                self.assertEqual(texts.count(stage["name"]), 2, stage["name"])

    def many_stages(self, n=64):
        with open(SAMPLE, encoding="utf-8") as f:
            plan = json.load(f)
        stages = [{"id": "s%02d" % i, "name": "Stage %02d" % i, "conversion": 0.9,
                   "duration_days": 5} for i in range(n - 1)]
        stages.append({"id": "won", "name": "Stage %02d" % (n - 1)})
        plan.update(stages=stages, handoff_stage="s01", pipeline_stage="s%02d" % (n - 3))
        plan.pop("inflow", None)
        return self.write("many.funnel.json", json.dumps(plan)), [s["name"] for s in stages]

    def svg_texts_and_height(self, path):
        root = ET.parse(path).getroot()
        texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
        return texts, float(root.get("height").rstrip("ptx"))

    def test_export_many_stages(self):
        # 64 stages at 1600x900 kept every other name and no count; not told
        # a size, an export is as tall as every stage's text needs
        plan, names = self.many_stages()
        for view in ("funnel", "timeline"):
            out = os.path.join(self.dir, view + ".svg")
            r = run("--export", out, "--view", view, plan)
            self.assertEqual(r.returncode, 0, r.stderr)
            texts, height = self.svg_texts_and_height(out)
            self.assertGreater(height, 900, view)
            missing = [name for name in names if name not in texts]
            self.assertEqual(missing, [], view)

            # A size asked for is the size given, whatever it leaves out
            r = run("--export", out, "--view", view, "--size", "1600x900", plan)
            self.assertEqual(r.returncode, 0, r.stderr)
            texts, height = self.svg_texts_and_height(out)
            self.assertEqual(height, 900, view)
            self.assertLess(sum(name in texts for name in names), len(names), view)

        # A plan that fits keeps the default size
        out = os.path.join(self.dir, "sample.svg")
        self.assertEqual(run("--export", out, SAMPLE).returncode, 0)
        self.assertEqual(self.svg_texts_and_height(out)[1], 900)

    def test_export_bad_extension(self):
        # A request that makes no sense: 2, as any usage error, and told
        # before the document is read
        out = os.path.join(self.dir, "funnel.gif")
        for document in (SAMPLE, os.path.join(self.dir, "missing.funnel.json")):
            r = run("--export", out, document)
            self.assertEqual(r.returncode, 2)
            self.assertIn(".gif", r.stderr)
            self.assertFalse(os.path.exists(out))
        out = os.path.join(self.dir, "funnel.png")
        r = run("--export", out, "--size", "10x10", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot export at 10\u00d710", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_export_to_uri(self):
        # A file:// URI is the file at its path, as a plan given as one is
        # read; it was taken for a folder named "file:". Other kinds of
        # location are refused as a usage error, before anything is read.
        out = os.path.join(self.dir, "uri chart.png")
        r = run("--export", "file://" + urllib.parse.quote(out), SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        for uri in ("sftp://host/chart.png", "file://otherhost" + urllib.parse.quote(out)):
            r = run("--export", uri, SAMPLE)
            self.assertEqual(r.returncode, 2, uri)
            self.assertIn(uri, r.stderr)
        # A colon in a relative name is no URI
        r = subprocess.run([APP, "--export", "plan:v2.png", os.path.abspath(SAMPLE)], capture_output=True,
                           text=True, env=ENV, timeout=60, cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "plan:v2.png")))

    def test_export_bad_document_writes_nothing(self):
        path = self.write("bad.funnel.json", "{")
        out = os.path.join(self.dir, "funnel.png")
        self.assert_refused(run("--export", out, path), path + ":")
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
