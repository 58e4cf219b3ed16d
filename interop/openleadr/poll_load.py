#!/usr/bin/env python3
"""Bounded oadrPoll load against an OpenADR 2.0b VTN on this machine (issue 8: record, don't tune).

--connections keep-alive mutual-TLS connections (one aiohttp session each, limit 1) post an unsigned
oadrPoll for --seconds and count HTTP 200 answers. Loopback targets only.
"""
import argparse
import asyncio
import ssl
import time

import aiohttp

POLL = ('<?xml version="1.0" encoding="utf-8"?><oadrPayload xmlns="http://openadr.org/oadr-2.0b/2012/07">'
        '<oadr:oadrSignedObject xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" oadr:Id="oadrSignedObject">'
        '<oadr:oadrPoll ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110">'
        '<ei:venID>{ven}</ei:venID></oadr:oadrPoll></oadr:oadrSignedObject></oadrPayload>')


async def worker(url, ctx, body, deadline, counts):
    conn = aiohttp.TCPConnector(ssl=ctx, limit=1)
    async with aiohttp.ClientSession(connector=conn, headers={'content-type': 'application/xml'}) as s:
        while time.monotonic() < deadline:
            async with s.post(url, data=body) as r:
                await r.read()
                counts[r.status] = counts.get(r.status, 0) + 1


async def main(a):
    assert a.url.startswith('https://127.') or a.url.startswith('https://localhost'), 'loopback only'
    ctx = ssl.create_default_context(cafile=a.ca, purpose=ssl.Purpose.SERVER_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
    ctx.check_hostname = False
    counts = {}
    start = time.monotonic()
    deadline = start + a.seconds
    await asyncio.gather(*[worker(a.url.rstrip('/') + '/OadrPoll', ctx, POLL.format(ven=a.ven_id),
                                  deadline, counts) for _ in range(a.connections)])
    elapsed = time.monotonic() - start
    ok = counts.get(200, 0)
    print(f"{a.connections} connections, {elapsed:.1f} s: {ok} polls answered 200 "
          f"({ok / elapsed:.0f}/s), other statuses {dict((k, v) for k, v in counts.items() if k != 200)}")


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--url', required=True)
    p.add_argument('--cert', required=True)
    p.add_argument('--key', required=True)
    p.add_argument('--ca', required=True)
    p.add_argument('--ven-id', required=True)
    p.add_argument('--connections', type=int, default=20)
    p.add_argument('--seconds', type=float, default=15)
    asyncio.run(main(p.parse_args()))
