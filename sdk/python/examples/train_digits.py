"""Trains a small MLP on scikit-learn's digits with torch and logs to Trainyard.

Runs anywhere torch and scikit-learn import (CPU or CUDA); no download. Launched as a job, it
attaches to the job's run through TRAINYARD_RUN_ID; run by hand, pass --project.

    python3 train_digits.py --epochs 30 --lr 0.01
"""
import argparse
import os
import time

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import trainyard


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=int(os.environ.get("TRAINYARD_PARAM_EPOCHS", "30")))
    parser.add_argument("--lr", type=float, default=float(os.environ.get("TRAINYARD_PARAM_LR", "0.01")))
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--project", default=None)
    parser.add_argument(
        "--nondeterministic-from",
        type=int,
        default=None,
        help="reseed from OS entropy at this epoch (to show what a run that does not reproduce looks like)",
    )
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(1)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    print(f"device={device} CUDA_VISIBLE_DEVICES={os.environ.get('CUDA_VISIBLE_DEVICES', '')}", flush=True)
    if device == "cuda":
        print(f"gpu={torch.cuda.get_device_name(0)}", flush=True)

    x, y = load_digits(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x / 16.0, y, test_size=0.25, random_state=0)
    to = lambda a, dtype: torch.tensor(a, dtype=dtype, device=device)  # noqa: E731
    x_train, x_val = to(x_train, torch.float32), to(x_val, torch.float32)
    y_train, y_val = to(y_train, torch.long), to(y_val, torch.long)

    model = torch.nn.Sequential(torch.nn.Linear(64, args.hidden), torch.nn.ReLU(), torch.nn.Linear(args.hidden, 10)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()

    run = trainyard.init(project=args.project, params={"epochs": args.epochs, "lr": args.lr, "hidden": args.hidden, "device": device})
    started = time.time()
    for epoch in range(args.epochs):
        if args.nondeterministic_from is not None and epoch == args.nondeterministic_from:
            torch.manual_seed(int.from_bytes(os.urandom(8), "little"))
        model.train()
        for batch in torch.randperm(len(x_train), device=device).split(64):
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_loss = loss_fn(model(x_val), y_val).item()
            val_acc = (model(x_val).argmax(1) == y_val).float().mean().item()
        run.log({"train/loss": loss.item(), "val/loss": val_loss, "val/acc": val_acc}, step=epoch)
        print(f"epoch {epoch} loss={loss.item():.4f} val_acc={val_acc:.4f}", flush=True)
    print(f"done in {time.time() - started:.1f}s val_acc={val_acc:.4f}", flush=True)
    run.finish()


if __name__ == "__main__":
    main()
