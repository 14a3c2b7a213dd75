#!/usr/bin/env python3
"""A TCP proxy for bench/db-outage.sh: listen_port -> upstream host:port. SIGUSR1 cuts (closes every connection and
closes new ones at once, as a stopped PostgreSQL would), SIGUSR2 restores."""
import asyncio, signal, sys

listen_port, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
cut = False
writers = set()


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    if cut:
        client_writer.close()
        return
    try:
        up_reader, up_writer = await asyncio.open_connection(host, port)
    except OSError:
        client_writer.close()
        return
    pair = (client_writer, up_writer)
    writers.update(pair)
    await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))
    writers.difference_update(pair)


def set_cut(value):
    global cut
    cut = value
    if value:
        for w in list(writers):
            w.transport.abort()
        writers.clear()


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, set_cut, True)
    loop.add_signal_handler(signal.SIGUSR2, set_cut, False)
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    async with server:
        await server.serve_forever()

asyncio.run(main())
