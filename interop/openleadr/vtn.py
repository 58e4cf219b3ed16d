#!/usr/bin/env python3
"""An OpenLEADR VTN (third-party OpenADR 2.0b VTN) for OpenVTN's ven-client: the interop driver of
docs/interop.md.

Serves https://127.0.0.1:<port>/OpenADR2/Simple/2.0b with TLS and client-certificate verification
(CERT_REQUIRED against --ca). Accepts every registration (venID = the VEN's certificate fingerprint),
queues one SIMPLE event for each VEN that registers, requests every TELEMETRY_USAGE point the VEN
offers in its METADATA (10 s sampling), and prints one INTEROP line per opt response and per report
value. No XML signatures (no ven_lookup is given, so OpenLEADR does not authenticate messages).
"""
import argparse
import asyncio
import logging
from datetime import datetime, timedelta, timezone
from functools import partial

from openleadr import OpenADRServer, enable_default_logging

REGISTERED = {}


def on_create_party_registration(payload, server):
    ven_id = payload.get('fingerprint') or payload.get('ven_id') or payload['ven_name']
    registration_id = f"reg-{len(REGISTERED) + 1}"
    REGISTERED[ven_id] = registration_id
    print(f"INTEROP registration venName={payload['ven_name']} -> venID={ven_id} "
          f"registrationID={registration_id}", flush=True)
    start = datetime.now(timezone.utc) + timedelta(seconds=20)
    event_id = server.add_event(ven_id=ven_id, signal_name='SIMPLE', signal_type='level',
                                intervals=[{'dtstart': start, 'duration': timedelta(minutes=5),
                                            'signal_payload': 1.0}],
                                market_context='http://MarketContext1',
                                callback=on_event_response)
    print(f"INTEROP queued event {event_id} for {ven_id}", flush=True)
    return ven_id, registration_id


async def on_event_response(ven_id, event_id, opt_type):
    print(f"INTEROP opt ven={ven_id} event={event_id} opt={opt_type}", flush=True)


async def on_register_report(ven_id, resource_id, measurement, unit, scale,
                             min_sampling_interval, max_sampling_interval):
    print(f"INTEROP METADATA ven={ven_id} resource={resource_id} measurement={measurement} "
          f"unit={unit} scale={scale} sampling=[{min_sampling_interval}, {max_sampling_interval}]",
          flush=True)
    if measurement == 'Status':
        return None
    return partial(on_update_report, ven_id, resource_id), timedelta(seconds=10)


async def on_update_report(ven_id, resource_id, values):
    for dt, value in values:
        print(f"INTEROP report ven={ven_id} resource={resource_id} {dt.isoformat()} value={value}",
              flush=True)


async def main(args):
    server = OpenADRServer(vtn_id=args.vtn_id, http_host='127.0.0.1', http_port=args.port,
                           http_cert=args.cert, http_key=args.key, http_ca_file=args.ca,
                           requested_poll_freq=timedelta(seconds=args.poll_seconds))
    server.add_handler('on_create_party_registration',
                       partial(on_create_party_registration, server=server))
    server.add_handler('on_register_report', on_register_report)
    await server.run()
    await asyncio.sleep(args.seconds)
    await server.stop()


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, default=18444)
    p.add_argument('--cert', required=True, help='VTN certificate chain (PEM)')
    p.add_argument('--key', required=True)
    p.add_argument('--ca', required=True, help='trust anchor for VEN client certificates')
    p.add_argument('--vtn-id', default='OPENLEADR_VTN')
    p.add_argument('--poll-seconds', type=int, default=5)
    p.add_argument('--seconds', type=float, default=120)
    p.add_argument('--debug', action='store_true')
    a = p.parse_args()
    enable_default_logging(level=logging.DEBUG if a.debug else logging.INFO)
    asyncio.run(main(a))
