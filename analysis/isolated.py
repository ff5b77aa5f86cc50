"""The child process of `analysis.isolation`: `python -m analysis.isolated` does the work it is sent."""

from analysis.isolation import serve

if __name__ == "__main__":
    serve()
