"""Entry point for spark-submit (and ``python -m newstrace.spark``): the ``spark`` command group.

    spark-submit [spark options] "$(python -c 'import newstrace.spark as s, os; print(os.path.dirname(s.__file__))')/__main__.py" \\
        run 's3a://bucket/crawl/*.warc.gz' --out s3a://bucket/out/
"""
import sys

import click

from newstrace._errors import NewstraceError
from newstrace.spark._cli import spark


def main() -> None:
    try:
        spark.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewstraceError as exc:
        click.echo(f"newstrace: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
