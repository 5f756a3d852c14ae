#!/usr/bin/env python3
"""Writes cover-flange.gltf (+ .bin) next to this file: the gasketed cover flange of the
flange-bolt-torque scenario. An 18 mm flange, a 3 mm fibre gasket and an 18 mm blind (cover)
flange, Ø200 mm, with the eight Ø13.5 mm bolt-hole rims on a Ø160 mm circle drawn on top.
Metres, Y up, resting on y = 0 (top face at 39 mm). Deterministic: run it again to regenerate."""
import json, math, os, struct

def cylinder(r, y0, h, segs):
    """Side (smooth normals) and both caps of a cylinder about Y from y0 to y0 + h."""
    pos, nrm, idx = [], [], []
    for i in range(segs + 1):
        a = 2 * math.pi * i / segs
        c, s = math.cos(a), math.sin(a)
        pos += [(r * c, y0, r * s), (r * c, y0 + h, r * s)]
        nrm += [(c, 0, s), (c, 0, s)]
    for i in range(segs):
        b = 2 * i
        idx += [b, b + 1, b + 2, b + 1, b + 3, b + 2]
    for y, ny in ((y0 + h, 1.0), (y0, -1.0)):
        centre = len(pos)
        pos.append((0, y, 0)); nrm.append((0, ny, 0))
        for i in range(segs + 1):
            a = 2 * math.pi * i / segs
            pos.append((r * math.cos(a), y, r * math.sin(a))); nrm.append((0, ny, 0))
        for i in range(segs):
            a, b = centre + 1 + i, centre + 2 + i
            idx += [centre, b, a] if ny > 0 else [centre, a, b]
    return pos, nrm, idx

def merge(parts):
    pos, nrm, idx = [], [], []
    for p, n, i in parts:
        base = len(pos)
        pos += p; nrm += n; idx += [base + k for k in i]
    return pos, nrm, idx

def moved(part, dx, dz):
    p, n, i = part
    return [(x + dx, y, z + dz) for x, y, z in p], n, i

meshes = {
    "flanges": merge([cylinder(0.1, 0.0, 0.018, 64), cylinder(0.1, 0.021, 0.018, 64)]),
    "gasket": cylinder(0.097, 0.018, 0.003, 64),
    "bolt-holes": merge([moved(cylinder(0.0068, 0.039, 0.0004, 20),
                               0.08 * math.sin(k * math.pi / 4), -0.08 * math.cos(k * math.pi / 4))
                         for k in range(8)]),
}
materials = [("painted-steel", [0.20, 0.30, 0.42, 1], 0.3, 0.5),
             ("fibre-gasket", [0.12, 0.12, 0.11, 1], 0.0, 0.85),
             ("bolt-hole-shadow", [0.02, 0.02, 0.02, 1], 0.0, 0.9)]
blob = bytearray()
gltf = {"asset": {"version": "2.0", "generator": "make-cover-flange.py"}, "scene": 0,
        "scenes": [{"nodes": []}], "nodes": [], "meshes": [], "accessors": [], "bufferViews": [],
        "materials": [{"name": n, "pbrMetallicRoughness": {"baseColorFactor": c, "metallicFactor": m,
                       "roughnessFactor": r}} for n, c, m, r in materials]}

def view(data, target):
    while len(blob) % 4: blob.append(0)
    gltf["bufferViews"].append({"buffer": 0, "byteOffset": len(blob), "byteLength": len(data),
                                "target": target})
    blob.extend(data)
    return len(gltf["bufferViews"]) - 1

for m, (name, (pos, nrm, idx)) in enumerate(meshes.items()):
    pv = view(b"".join(struct.pack("<3f", *p) for p in pos), 34962)
    nv = view(b"".join(struct.pack("<3f", *n) for n in nrm), 34962)
    iv = view(b"".join(struct.pack("<I", i) for i in idx), 34963)
    lo = [min(p[k] for p in pos) for k in range(3)]
    hi = [max(p[k] for p in pos) for k in range(3)]
    a = len(gltf["accessors"])
    gltf["accessors"] += [
        {"bufferView": pv, "componentType": 5126, "count": len(pos), "type": "VEC3", "min": lo, "max": hi},
        {"bufferView": nv, "componentType": 5126, "count": len(nrm), "type": "VEC3"},
        {"bufferView": iv, "componentType": 5125, "count": len(idx), "type": "SCALAR"}]
    gltf["meshes"].append({"name": name, "primitives": [
        {"attributes": {"POSITION": a, "NORMAL": a + 1}, "indices": a + 2, "material": m}]})
    gltf["nodes"].append({"name": name, "mesh": m})
    gltf["scenes"][0]["nodes"].append(m)
here = os.path.dirname(os.path.abspath(__file__))
gltf["buffers"] = [{"uri": "cover-flange.bin", "byteLength": len(blob)}]
with open(os.path.join(here, "cover-flange.bin"), "wb") as f:
    f.write(blob)
with open(os.path.join(here, "cover-flange.gltf"), "w") as f:
    json.dump(gltf, f, indent=1)
    f.write("\n")
