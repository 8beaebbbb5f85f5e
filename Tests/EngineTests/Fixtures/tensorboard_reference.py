# TensorBoard's own view of Spar's event files (pip install tensorboard; tested with 2.21).
#
#   python3 tensorboard_reference.py vectors
#       prints the records TensorBoard's writer makes for the events of TensorBoardEventsTests,
#       as hex; the test compares Spar's records with them byte for byte.
#   python3 tensorboard_reference.py read RUN_FOLDER
#       loads the folder with TensorBoard's EventAccumulator and checks every scalar against the
#       folder's metrics.csv; prints "ok: N steps, M tags" or fails.
#
# scripts/check_tensorboard.sh makes a venv with tensorboard and runs the second form.
import csv
import math
import sys


def vectors():
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter
    import io

    def record(event):
        buf = io.BytesIO()
        RecordWriter(buf).write(event.SerializeToString())
        return buf.getvalue().hex()

    first = event_pb2.Event(wall_time=1700000000.5, file_version="brain.Event:2")
    values = [summary_pb2.Summary.Value(tag="attack_success", simple_value=0.25),
              summary_pb2.Summary.Value(tag="kl", simple_value=-0.0012)]
    step = event_pb2.Event(wall_time=1700000001.25, step=300, summary=summary_pb2.Summary(value=values))
    print("fileVersion:", record(first))
    print("scalars:", record(step))


def read(folder):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(folder, size_guidance={"scalars": 0})
    acc.Reload()
    tags = acc.Tags()["scalars"]
    with open(f"{folder}/metrics.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("metrics.csv has no rows")
    checked = 0
    for name in rows[0]:
        if name == "step":
            continue
        expected = {int(r["step"]): float(r[name]) for r in rows if r[name] != ""}
        if not expected:
            if name in tags:
                sys.exit(f"{name}: TensorBoard has values, metrics.csv has none")
            continue
        if name not in tags:
            sys.exit(f"{name}: missing from the event file (tags: {tags})")
        got = {e.step: e.value for e in acc.Scalars(name)}
        if sorted(got) != sorted(expected):
            sys.exit(f"{name}: steps {sorted(got)} in TensorBoard, {sorted(expected)} in metrics.csv")
        for s, v in expected.items():
            if not math.isclose(got[s], v, rel_tol=1e-6, abs_tol=1e-6):
                sys.exit(f"{name} at step {s}: {got[s]} in TensorBoard, {v} in metrics.csv")
        checked += 1
    print(f"ok: {len(rows)} steps, {checked} tags")


if __name__ == "__main__":
    if sys.argv[1:2] == ["vectors"]:
        vectors()
    elif sys.argv[1:2] == ["read"] and len(sys.argv) == 3:
        read(sys.argv[2])
    else:
        sys.exit(__doc__ or "usage: tensorboard_reference.py vectors | read RUN_FOLDER")
