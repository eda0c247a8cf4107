from network import Network

Network("net")
