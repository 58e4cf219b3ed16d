#!/usr/bin/env python3
"""OpenLEADR (third-party OpenADR 2.0b VEN) against an OpenVTN VTN: the interop driver of docs/interop.md.

Registers (oadrQueryRegistration is skipped by OpenLEADR's run(); it sends oadrCreatePartyRegistration),
sends its METADATA oadrRegisterReport (one TELEMETRY_USAGE point), polls, answers every event through
its on_event handler (optIn, or optOut when --opt-out), and sends TELEMETRY_USAGE reports when the VTN
requests them. Runs for --seconds and exits; a summary line per outcome is printed for the README.

Needs openleadr importable (see README.md in this folder). XML signatures are off on both sides.
"""
import argparse
import asyncio
import logging
import random
import sys
from datetime import timedelta

import ssl

import aiohttp
from openleadr import OpenADRClient, enable_default_logging

SEEN = {'events': [], 'report_values': 0}


def make_on_event(opt):
    async def on_event(event):
        desc = event['event_descriptor']
        signals = [(s['signal_name'], [i.get('signal_payload') for i in s['intervals']])
                   for s in event['event_signals']]
        print(f"INTEROP event {desc['event_id']} mod={desc['modification_number']} "
              f"status={desc['event_status']} signals={signals} -> {opt}", flush=True)
        SEEN['events'].append(desc['event_id'])
        return opt
    return on_event


def read_power():
    SEEN['report_values'] += 1
    value = round(1000 + random.random() * 50, 1)
    print(f"INTEROP telemetry read #{SEEN['report_values']}: {value}", flush=True)
    return value


class TlsFixedClient(OpenADRClient):
    """OpenLEADR's own _ensure_client_session builds its context with ssl.Purpose.CLIENT_AUTH, i.e. a
    *server* context (PROTOCOL_TLS_SERVER since Python 3.10), which cannot open a client connection:
    "Cannot create a client socket with a PROTOCOL_TLS_SERVER context". This override is the same code
    with Purpose.SERVER_AUTH (a client context that verifies the VTN against ca_file). Hostname checking
    stays off, as in OpenLEADR."""

    async def _ensure_client_session(self):
        if not self.client_session:
            ctx = ssl.create_default_context(cafile=self.ca_file, purpose=ssl.Purpose.SERVER_AUTH)
            ctx.load_cert_chain(self.cert_path, self.key_path, self.passphrase)
            ctx.check_hostname = False
            self.client_session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx),
                                                        headers={'content-type': 'application/xml'})


async def main(args):
    client = TlsFixedClient(ven_name=args.name, vtn_url=args.vtn, cert=args.cert, key=args.key,
                           ca_file=args.ca, disable_signature=True, allow_jitter=False)
    opt = 'optOut' if args.opt_out else 'optIn'
    client.add_handler('on_event', make_on_event(opt))
    client.add_handler('on_update_event', make_on_event(opt))
    client.add_report(callback=read_power, resource_id='meter-1', measurement='REAL_POWER',
                      report_specifier_id='TELEMETRY_USAGE', sampling_rate=timedelta(seconds=10),
                      report_duration=timedelta(hours=1))
    await client.run()
    print(f"INTEROP registered venID={client.ven_id} registrationID={client.registration_id} "
          f"pollFreq={client.poll_frequency}", flush=True)
    await asyncio.sleep(args.seconds)
    print(f"INTEROP summary: events={SEEN['events']} telemetry_reads={SEEN['report_values']}", flush=True)
    await client.stop()


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--vtn', required=True, help='e.g. https://127.0.0.1:18443/OpenADR2/Simple/2.0b')
    p.add_argument('--cert', required=True)
    p.add_argument('--key', required=True)
    p.add_argument('--ca', required=True)
    p.add_argument('--name', default='openleadr-ven')
    p.add_argument('--seconds', type=float, default=60)
    p.add_argument('--opt-out', action='store_true')
    p.add_argument('--debug', action='store_true')
    a = p.parse_args()
    enable_default_logging(level=logging.DEBUG if a.debug else logging.INFO)
    asyncio.run(main(a))
