"""Accept or reject every tracked change of a document in LibreOffice itself, and save the text.

Run with the Python that has LibreOffice's UNO bridge (Debian: /usr/bin/python3
with python3-uno, installed with libreoffice-writer-nogui):

    python3 tests/lo_resolve.py PROFILE_DIR IN.docx ACCEPTED.txt REJECTED.txt

It starts a headless soffice with its own profile on a private pipe, loads the
document twice (hidden), dispatches .uno:AcceptAllTrackedChanges or
.uno:RejectAllTrackedChanges -- the Review menu's "Accept All" / "Reject All" --
and stores each result as UTF-8 text.  Tests call it through subprocess, so the
test suite's own Python needs no UNO.
"""

import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(profile, source, accepted, rejected):
    pipe = f"amendtrack-{uuid.uuid4().hex}"
    office = subprocess.Popen([
        "soffice", f"-env:UserInstallation=file://{os.path.abspath(profile)}", "--headless", "--invisible",
        "--norestore", "--nologo", f"--accept=pipe,name={pipe};urp;",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.5)
        else:
            raise SystemExit("soffice did not start")
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        for command, target in ((".uno:AcceptAllTrackedChanges", accepted), (".uno:RejectAllTrackedChanges", rejected)):
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("FilterName", "MS Word 2007 XML"),))
            if doc is None:
                raise SystemExit(f"LibreOffice could not load {source}")
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                           (_prop("FilterName", "Text (encoded)"), _prop("FilterOptions", "UTF8,LF")))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes down with the office
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
