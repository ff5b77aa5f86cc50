import sys

from ui.report import main

sys.exit(main())
